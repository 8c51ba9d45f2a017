import { LineSplitter } from './lines';
import type { Block, BlockParser } from './types';

export type ParagraphMode = 'line' | 'blank-line';

/**
 * Text copied out of a forum page comes two ways: one paragraph per line (the browser's copy), or
 * hard-wrapped paragraphs separated by blank lines (mail, saved .txt). Wrapped lines mostly end
 * mid-sentence; a line that is a whole paragraph ends with a sentence mark. The first lines decide.
 */
export function detectParagraphMode(lines: readonly string[]): ParagraphMode {
  let continued = 0;
  let ended = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '' || lines[i + 1]!.trim() === '') continue;
    if (/[.!?:;"'”’)\]]$/.test(line)) ended++;
    else continued++;
  }
  const hasBlankLines = lines.some((l) => l.trim() === '');
  if (!hasBlankLines || continued + ended === 0) return 'line';
  return continued > ended ? 'blank-line' : 'line';
}

const SAMPLE_LINES = 400;

export class PlainTextParser implements BlockParser {
  readonly title = undefined;
  private readonly lines = new LineSplitter();
  private sample: string[] | undefined = [];
  private mode: ParagraphMode = 'line';
  private paragraph: string[] = [];

  push(text: string): Block[] {
    return this.accept(this.lines.push(text));
  }

  end(): Block[] {
    const blocks = this.accept(this.lines.end());
    if (this.sample) blocks.push(...this.decide());
    blocks.push(...this.closeParagraph());
    return blocks;
  }

  private accept(lines: string[]): Block[] {
    if (!this.sample) return this.consume(lines);
    this.sample.push(...lines);
    return this.sample.length >= SAMPLE_LINES ? this.decide() : [];
  }

  private decide(): Block[] {
    const sample = this.sample ?? [];
    this.mode = detectParagraphMode(sample);
    this.sample = undefined;
    return this.consume(sample);
  }

  private consume(lines: string[]): Block[] {
    const blocks: Block[] = [];
    for (const raw of lines) {
      const line = raw.trim();
      if (this.mode === 'line') {
        if (line !== '') blocks.push({ kind: 'paragraph', text: line });
      } else if (line === '') {
        blocks.push(...this.closeParagraph());
      } else {
        this.paragraph.push(line);
      }
    }
    return blocks;
  }

  private closeParagraph(): Block[] {
    if (this.paragraph.length === 0) return [];
    const text = this.paragraph.join(' ');
    this.paragraph = [];
    return [{ kind: 'paragraph', text }];
  }
}
