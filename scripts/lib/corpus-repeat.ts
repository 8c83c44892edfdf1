/** The bad-input corpus's shorthand for long values, shared by its generator and its tests. */

/** Expands `{"$repeat": [text, n]}` (text repeated, or an array repeated into a longer array). */
export function expand(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(expand);
  if (typeof value !== 'object' || value === null) return value;
  const repeat = (value as { $repeat?: unknown }).$repeat;
  if (Array.isArray(repeat)) {
    const [unit, count] = repeat as [unknown, number];
    return typeof unit === 'string' ? unit.repeat(count) : Array.from({ length: count }, () => (unit as unknown[])[0]);
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v)]));
}
