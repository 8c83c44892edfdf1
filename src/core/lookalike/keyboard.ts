/**
 * Which single-letter substitutions are slips rather than different words: neighbours on a
 * QWERTY keyboard (a typing slip) and letters that look alike at a glance (a reading slip).
 * "gooqle" and "amazom" are slips; "partner" for "gartner" is another word.
 */
const ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const KEY_POSITION = new Map<string, readonly [number, number]>();
ROWS.forEach((row, y) => [...row].forEach((key, x) => KEY_POSITION.set(key, [x + y * 0.5, y])));

const LOOKALIKE_PAIRS = new Set([
  'il',
  'lj',
  'ij',
  'mn',
  'uv',
  'vy',
  'ce',
  'gq',
  'bd',
  'pq',
  'ao',
  'ea',
  'co',
  'nr',
  'hn',
  'ft',
  'rt',
  'ov',
  'uo',
]);

function keyboardNeighbours(a: string, b: string): boolean {
  const p = KEY_POSITION.get(a);
  const q = KEY_POSITION.get(b);
  return p !== undefined && q !== undefined && Math.abs(p[0] - q[0]) <= 1 && Math.abs(p[1] - q[1]) <= 1;
}

/** True when typing or reading `b` as `a` is a plausible slip (digits always count: 0/o, 1/l, 5/s…). */
export function isSlip(a: string, b: string): boolean {
  if (/[0-9]/.test(a) || /[0-9]/.test(b)) return true;
  return keyboardNeighbours(a, b) || LOOKALIKE_PAIRS.has(a + b) || LOOKALIKE_PAIRS.has(b + a);
}
