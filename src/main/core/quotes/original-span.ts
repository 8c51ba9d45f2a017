import { normalizeWithMap, originalSpan } from '../text/normalize';

// Where normalising moves characters: whitespace other than single spaces between words (collapsed,
// trimmed), "…" (three characters) and "İ" (the one UTF-16 unit that lower-cases to two). A text
// without any of them normalises character for character, so offsets into it are offsets into the
// original.
const SHIFTS_OFFSETS = /[^\S ]|[\u200B\u2026\u0130]| {2}|^ | $/;

/**
 * Maps a [start, end) span of `normalize(original)` back to `original`, as
 * `originalSpan(normalizeWithMap(original), start, end)` does. Links are stored with spans in the
 * target's original text, and most targets need no map: building one walks every character.
 */
export function spanInOriginal(original: string, start: number, end: number): { start: number; end: number } {
  if (SHIFTS_OFFSETS.test(original)) return originalSpan(normalizeWithMap(original), start, end);
  return { start, end: Math.max(start, end - 1) + 1 };
}
