/**
 * `npx snowman serve` and `npm run serve` start the server as `npm → sh -c … → node`. npm forwards
 * SIGTERM and SIGINT to its child, the shell, and Debian's sh (dash) dies of it without passing it
 * on: the server would run on, orphaned. So a server started by npm also stops when its parent
 * goes away (it is re-parented and `process.ppid` changes). Only then: a server a user starts
 * with `nohup … &` must outlive the shell that started it.
 */

/** How often the parent is checked: a stopped npx takes at most this long to stop the server too. */
const PARENT_CHECK_MS = 250;

/** True when npm (npx, npm exec, npm run) started this process through a shell. */
export function startedByNpm(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['npm_lifecycle_event'] !== undefined && env['npm_command'] !== undefined;
}

/** Calls `onOrphaned` once when this process's parent exits; returns the function that stops watching. */
export function watchParent(onOrphaned: () => void, intervalMs = PARENT_CHECK_MS): () => void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid === parent) return;
    clearInterval(timer);
    onOrphaned();
  }, intervalMs);
  // The server keeps the process alive; the watch alone must not.
  timer.unref();
  return () => clearInterval(timer);
}
