// Hacker News text is HTML with its characters entity-escaped and `<p>` used as a separator. HN has
// no quotation markup: by the site's convention a paragraph opening with ">" quotes what it answers.
import { htmlToBlocks } from '../html-text';
import type { SourceBlock } from '../source-thread';

const QUOTE_MARKERS = /^[ \t]*(?:>[ \t]*)+/;

export function hnTextToBlocks(html: string): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  for (const block of htmlToBlocks(html)) {
    if (block.kind !== 'paragraph' || !QUOTE_MARKERS.test(block.text)) {
      blocks.push(block);
      continue;
    }
    const text = block.text
      .split('\n')
      .map((line) => line.replace(QUOTE_MARKERS, '').trim())
      .join('\n')
      .trim();
    if (text) blocks.push({ kind: 'quote', text });
  }
  return blocks;
}
