/**
 * Writing systems of a label, for the mixed-script rule of UTS #39's "highly restrictive" profile
 * (what browsers apply before showing an IDN in Unicode).
 */

// The scripts that matter for spoofing Latin names, and the CJK ones that legitimately mix with it.
const SCRIPTS: readonly (readonly [string, RegExp])[] = [
  ['Latin', /\p{Script=Latin}/u],
  ['Cyrillic', /\p{Script=Cyrillic}/u],
  ['Greek', /\p{Script=Greek}/u],
  ['Armenian', /\p{Script=Armenian}/u],
  ['Georgian', /\p{Script=Georgian}/u],
  ['Cherokee', /\p{Script=Cherokee}/u],
  ['Han', /\p{Script=Han}/u],
  ['Hiragana', /\p{Script=Hiragana}/u],
  ['Katakana', /\p{Script=Katakana}/u],
  ['Hangul', /\p{Script=Hangul}/u],
  ['Bopomofo', /\p{Script=Bopomofo}/u],
];
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;
const OTHER_SCRIPT = /\p{L}|\p{N}/u;

/** Scripts used by a label's letters and digits (Common and Inherited characters ignored). */
export function labelScripts(label: string): Set<string> {
  const scripts = new Set<string>();
  for (const char of label) {
    if (char.charCodeAt(0) < 0x80) {
      if (/[a-z]/.test(char)) scripts.add('Latin');
      continue;
    }
    if (NEUTRAL.test(char)) continue;
    const entry = SCRIPTS.find(([, pattern]) => pattern.test(char));
    if (entry !== undefined) scripts.add(entry[0]);
    else if (OTHER_SCRIPT.test(char)) scripts.add('other');
  }
  return scripts;
}

// Latin mixes legitimately with the scripts of Japanese, Chinese and Korean writing.
const ALLOWED_MIXES: readonly ReadonlySet<string>[] = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

/** True when the label mixes scripts in a way no legitimate name needs (Latin with Cyrillic…). */
export function isMixedScript(scripts: ReadonlySet<string>): boolean {
  if (scripts.size < 2) return false;
  return !ALLOWED_MIXES.some((allowed) => [...scripts].every((script) => allowed.has(script)));
}
