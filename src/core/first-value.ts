/** Settling on whichever of several sources answers first with something to show. */

/** The first of `candidates` to settle with a value; null when every one settles without. */
export function firstValue<T>(candidates: readonly Promise<T | null>[]): Promise<T | null> {
  return new Promise((resolve) => {
    let left = candidates.length;
    if (left === 0) resolve(null);
    const none = (): void => {
      if (--left === 0) resolve(null);
    };
    for (const candidate of candidates) candidate.then((value) => (value === null ? none() : resolve(value)), none);
  });
}
