/** Errors that only mean the extension was reloaded or the tab went away: expected, not logged. */
export function isExpectedError(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /Extension context invalidated|No tab with id|Invalid tab ID|Receiving end does not exist|tab was closed/i.test(
    text,
  );
}
