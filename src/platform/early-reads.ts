/**
 * The reads a starting background begins with, before the rest of its script is evaluated
 * (build.mjs bundles early-reads-banner.ts alone and puts it on the first line of background.js):
 * the files its first answer needs, which it waits on. Chrome serves a worker's package reads
 * slowly (bench `worker-floor`: the ~640 KB here take about three times as long from the package
 * as from a copy in the extension's IndexedDB), and Chrome stops an idle worker after 30 s, so most
 * first answers come from a restarted worker. The first start of a build reads the package and keeps
 * a copy; later starts read the copy, each file checked against the SHA-256 the build recorded for
 * it. A copy of another build, a damaged one, or no IndexedDB at all: the package is read and a
 * copy kept again, so a bad copy costs one slower start, never a wrong byte.
 */

export interface EarlyReadsPlan {
  /** Names this build's files: a copy kept under another id is not even checked. */
  readonly id: string;
  /** Package paths read at once. */
  readonly now: readonly string[];
  /** Package paths read a task later, so the reads the waking event asks for in its own task go first. */
  readonly later: readonly string[];
  /** SHA-256 (lowercase hex) of each file's bytes, as the build wrote them. */
  readonly digests: Readonly<Record<string, string>>;
}

/** The copy kept in IndexedDB. */
export interface KeptCopy {
  readonly id: string;
  readonly files: Readonly<Record<string, ArrayBuffer>>;
}

export interface EarlyReadsIo {
  fetchFile(path: string): Promise<ArrayBuffer>;
  readKept(): Promise<KeptCopy | undefined>;
  writeKept(copy: KeptCopy): Promise<void>;
  sha256(bytes: ArrayBuffer): Promise<string>;
  nextTask(): Promise<void>;
  /** Settles once writing a copy no longer competes with the start's own work. */
  startSettled(): Promise<void>;
}

export type EarlyReadsSource = 'kept copy' | 'package';

export interface EarlyReads {
  /** Each planned file's bytes, by package path. */
  readonly reads: Record<string, Promise<ArrayBuffer>>;
  readonly source: Promise<EarlyReadsSource>;
  /** Settles once a copy is kept (or was not needed, or could not be written). */
  readonly kept: Promise<void>;
}

/** Starts reading `plan`'s files: from the kept copy when it matches, else from the package (and keeps a copy). */
export function startEarlyReads(plan: EarlyReadsPlan, io: EarlyReadsIo): EarlyReads {
  const paths = [...plan.now, ...plan.later];
  const copy = matchingCopy(plan, paths, io);
  const reads: Record<string, Promise<ArrayBuffer>> = {};
  for (const path of plan.now) reads[path] = copy.then((files) => files?.[path] ?? io.fetchFile(path));
  for (const path of plan.later)
    reads[path] = copy.then((files) => files?.[path] ?? io.nextTask().then(() => io.fetchFile(path)));
  // Held here: the package reader takes each read out of `reads` (a file is read once).
  const started = paths.map((path) => reads[path]!);
  for (const read of started) read.catch(() => undefined); // each reader of it handles the failure
  const kept = copy
    .then(async (files) => {
      if (files) return;
      const bytes = await Promise.all(started);
      await io.startSettled();
      await io.writeKept({ id: plan.id, files: Object.fromEntries(paths.map((path, i) => [path, bytes[i]!])) });
    })
    // Not kept (a file missing from the package, storage full or refused): the next start reads the package again.
    .catch(() => undefined);
  return { reads, source: copy.then((files) => (files ? 'kept copy' : 'package')), kept };
}

/** The kept copy's files when every planned file is there with the bytes the build recorded; null otherwise. */
async function matchingCopy(
  plan: EarlyReadsPlan,
  paths: readonly string[],
  io: EarlyReadsIo,
): Promise<Readonly<Record<string, ArrayBuffer>> | null> {
  try {
    const copy = await io.readKept();
    if (!copy || copy.id !== plan.id || typeof copy.files !== 'object' || copy.files === null) return null;
    const digests = await Promise.all(
      paths.map((path) => {
        const bytes = copy.files[path];
        return bytes instanceof ArrayBuffer ? io.sha256(bytes) : Promise.resolve(null);
      }),
    );
    return paths.every((path, i) => digests[i] === plan.digests[path]) ? copy.files : null;
  } catch {
    return null;
  }
}
