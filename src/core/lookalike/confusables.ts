/**
 * Characters that render like Latin letters, by the Latin letter they imitate: a hand-made subset
 * of Unicode's confusables.txt (UTS #39) for the scripts homograph attacks use (Cyrillic, Greek,
 * Armenian, Latin extensions, digit zeros of Indic scripts), plus the extra lookalikes Chromium's
 * IDN spoof checker adds (к, м, п, т, г, ш look Latin in common fonts). Only lowercase: IDNA maps
 * domain names to lowercase (and fullwidth/compatibility forms to ASCII) before punycode, so those
 * never reach us. Accented letters are handled by stripping combining marks (see skeleton.ts).
 */
const LOOKALIKES: Readonly<Record<string, string>> = {
  a: '\u0430\u0251\u03b1\u1d00',
  b: '\u044c\u0185\u0180',
  c: '\u0441\u03f2\u1d04\u2ca5',
  d: '\u0501\u0111',
  e: '\u0435\u04bd\u0454\u0247',
  f: '\u0584',
  g: '\u0261\u0581\u050d\u01e5',
  h: '\u04bb\u0570\u0127',
  i: '\u0456\u0131\u0269\u03b9\u0268\u026a',
  j: '\u0458\u03f3\u0237',
  k: '\u03ba\u043a\u0138',
  l: '\u04cf\u01c0\u0142',
  m: '\u043c\u1d0d',
  n: '\u0578\u043f\u03b7',
  o: '\u043e\u03bf\u0585\u03c3\u00f8\u1d0f\u0d20\u0966\u09e6\u0a66\u0ae6\u0b66\u0be6\u0c66\u0ce6\u0d66\u0e50\u0ed0\u1040\u101d',
  p: '\u0440\u03c1\u00fe\u048f',
  q: '\u051b\u0566',
  r: '\u0433\u1d26\u0491\u0493\u024d',
  s: '\u0455\ua731',
  t: '\u0442\u03c4\u0167\u04ad',
  u: '\u057d\u03c5\u028b\u1d1c\u0289',
  v: '\u03bd\u0475\u1d20',
  w: '\u051d\u0461\u1d21\u0448\u0449\u03c9',
  x: '\u0445\u03c7\u04b3',
  y: '\u0443\u03b3\u04af\u0263\u10e7',
  z: '\u1d22\u01b6',
};

/** Code point → the Latin letter it imitates. */
export const CONFUSABLE_TO_LATIN: ReadonlyMap<number, string> = (() => {
  const map = new Map<number, string>();
  for (const [latin, chars] of Object.entries(LOOKALIKES)) {
    for (const char of chars) map.set(char.codePointAt(0)!, latin);
  }
  return map;
})();

/**
 * ASCII sequences that read as another ASCII letter at a glance (confusables.txt has rn → m and
 * vv → w; 0 and 1 are the classic digit swaps). `cl` → d is left out: it turns every "click",
 * "clean" and "club" into a d-word.
 */
export const ASCII_LOOKALIKES: readonly (readonly [string, string])[] = [
  ['rn', 'm'],
  ['vv', 'w'],
  ['0', 'o'],
  ['1', 'l'],
];
