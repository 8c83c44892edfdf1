/**
 * Skeletons in the sense of UTS #39: two strings that look alike map to the same skeleton. Ours
 * folds towards Latin only, which is what domain spoofing needs (a Cyrillic "аpple" must meet
 * the ASCII "apple").
 */
import { ASCII_LOOKALIKES, CONFUSABLE_TO_LATIN } from './confusables.js';

const COMBINING_MARK = /\p{M}/u;

/** Folds lookalike Unicode letters to Latin and drops accents; ASCII passes through untouched. */
export function unicodeSkeleton(text: string): string {
  let out = '';
  for (const char of text.normalize('NFD')) {
    const code = char.codePointAt(0)!;
    if (code < 0x80) {
      out += char;
      continue;
    }
    if (COMBINING_MARK.test(char)) continue;
    out += CONFUSABLE_TO_LATIN.get(code) ?? char;
  }
  return out;
}

/** Folds the ASCII lookalikes (rn → m, vv → w, 0 → o, 1 → l). */
export function asciiSkeleton(text: string): string {
  let out = text;
  for (const [from, to] of ASCII_LOOKALIKES) {
    if (out.includes(from)) out = out.split(from).join(to);
  }
  return out;
}

/** Full skeleton: Unicode lookalikes, then ASCII lookalikes. */
export function skeleton(text: string): string {
  return asciiSkeleton(unicodeSkeleton(text));
}

/** True when every character is printable ASCII (the skeleton is fully Latin). */
export function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
}
