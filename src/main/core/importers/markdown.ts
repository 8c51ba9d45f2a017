import { LineSplitter } from './lines';
import type { Block, BlockParser } from './types';

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const BLOCKQUOTE = /^ {0,3}>/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

type Open = { kind: 'paragraph' | 'item' | 'quote'; lines: string[] } | undefined;

/**
 * Markdown as a thread: headings and `---` rules separate posts, paragraphs and list items are
 * passages, `>` blockquotes are explicit quotations, fenced code stays one passage. Inline markup is
 * kept as written. A level-1 heading before anything else is the thread's title.
 */
export class MarkdownParser implements BlockParser {
  title: string | undefined;
  private readonly lines = new LineSplitter();
  private open: Open;
  private fence: { marker: string; lines: string[] } | undefined;
  private seenContent = false;

  push(text: string): Block[] {
    return this.lines.push(text).flatMap((line) => this.line(line));
  }

  end(): Block[] {
    const blocks = this.lines.end().flatMap((line) => this.line(line));
    if (this.fence) blocks.push(...this.paragraphBlock(this.fence.lines.join('\n')));
    this.fence = undefined;
    return [...blocks, ...this.close()];
  }

  private line(line: string): Block[] {
    if (this.fence) {
      if (line.trim().startsWith(this.fence.marker) && line.trim().replace(/[`~]/g, '') === '') {
        const code = this.fence.lines.join('\n');
        this.fence = undefined;
        return this.paragraphBlock(code);
      }
      this.fence.lines.push(line);
      return [];
    }
    const fence = FENCE.exec(line);
    if (fence) {
      const blocks = this.close();
      this.fence = { marker: fence[1]!, lines: [] };
      return blocks;
    }
    if (line.trim() === '') return this.close();

    if (this.open?.kind === 'paragraph' && SETEXT_UNDERLINE.test(line)) {
      const heading = this.open.lines.join(' ');
      this.open = undefined;
      return this.heading(line.trim().startsWith('=') ? 1 : 2, heading);
    }
    if (THEMATIC_BREAK.test(line)) return [...this.close(), { kind: 'boundary' }];
    const heading = ATX_HEADING.exec(line);
    if (heading) return [...this.close(), ...this.heading(heading[1]!.length, heading[2] ?? '')];

    if (BLOCKQUOTE.test(line)) {
      const inner = line.replace(/^(?:[ \t]*>[ \t]?)+/, '');
      if (inner.trim() === '') return this.close();
      return this.append('quote', inner, this.open?.kind !== 'quote');
    }
    const item = LIST_ITEM.exec(line);
    if (item && this.open?.kind !== 'quote') return this.append('item', item[1]!, true);
    // Anything else continues what is open (CommonMark's lazy continuation) or starts a paragraph.
    return this.append(this.open?.kind ?? 'paragraph', line, false);
  }

  private append(kind: 'paragraph' | 'item' | 'quote', text: string, fresh: boolean): Block[] {
    const blocks = fresh || this.open?.kind !== kind ? this.close() : [];
    if (!this.open) this.open = { kind, lines: [] };
    this.open.lines.push(text.trim());
    return blocks;
  }

  private heading(level: number, text: string): Block[] {
    const title = text.trim();
    if (level === 1 && !this.seenContent && this.title === undefined && title !== '') {
      this.title = title;
      return [];
    }
    return [{ kind: 'boundary' }, ...this.paragraphBlock(title)];
  }

  private close(): Block[] {
    const open = this.open;
    this.open = undefined;
    if (!open) return [];
    const text = open.lines.join(' ');
    if (open.kind === 'quote') {
      this.seenContent = true;
      return [{ kind: 'quote', text }];
    }
    return this.paragraphBlock(text);
  }

  private paragraphBlock(text: string): Block[] {
    if (text.trim() === '') return [];
    this.seenContent = true;
    return [{ kind: 'paragraph', text }];
  }
}
