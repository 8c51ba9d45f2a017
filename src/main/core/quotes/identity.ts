import { hash } from 'node:crypto';
import { normalize } from '../text/normalize';
import type { Block } from './reconstructor';

/** The hash of a normalised text that the store keeps beside it (and that identifies a thread's opening). */
export function textHash(normalized: string): string {
  // One-shot: no Hash object per passage.
  return hash('sha1', normalized, 'hex');
}

/** How many opening paragraphs identify a thread, so that a longer export of it is recognised. */
export const IDENTITY_BLOCKS = 3;

/** Whether enough of a file's opening is read to identify its thread. */
export function openingComplete(opening: readonly Block[]): boolean {
  let n = 0;
  for (const b of opening) if (b.kind !== 'boundary' && ++n >= IDENTITY_BLOCKS) return true;
  return false;
}

/** Whether the opening (the whole file, when it is this short) holds any text at all. */
export function openingHasText(opening: readonly Block[]): boolean {
  return opening.some((b) => b.kind !== 'boundary' && normalize(b.text) !== '');
}

/** What identifies a plain-text or Markdown thread: its opening paragraphs. */
export function openingIdentity(opening: readonly Block[]): string {
  const texts = opening
    .filter((b): b is Exclude<Block, { kind: 'boundary' }> => b.kind !== 'boundary')
    .slice(0, IDENTITY_BLOCKS)
    .map((b) => normalize(b.text));
  return `opening:${textHash(texts.join('\n'))}`;
}
