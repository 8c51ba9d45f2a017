// A plain-text mail body as blocks. Paragraphs are separated by blank lines (hard-wrapped lines are
// joined); `>` lines are quotations, one quote block per quoted paragraph at any depth; the
// attribution line before a quotation ("On …, X wrote:") is dropped and names the quote's author, as
// does an Outlook "-----Original Message-----" header block. Signatures, Mailman and Groups.io
// footers and pipermail's scrubbed-attachment stubs are noise and go; an inline patch stays one
// paragraph per hunk instead of hundreds of one-line passages.
import { htmlToBlocks } from '../html-text';
import type { SourceBlock } from '../source-thread';
import { attributionName, startsAttribution } from './attribution';
import { authorName } from './headers';

interface Line {
  depth: number;
  /** The line without its quote markers. */
  text: string;
  /** Set on a line that stands for an "Original Message" header block: who wrote what follows. */
  attribution?: string | null;
}

type Raw =
  | { kind: 'text'; depth: number; lines: string[]; preformatted: boolean }
  | { kind: 'attribution'; depth: number; name: string | null };

export interface MailBody {
  blocks: SourceBlock[];
  /** The message's own page, when a footer names it (Groups.io's "View/Reply Online"). */
  onlineUrl: string | null;
}

const NEXT_PART = /^-{5,}\s*next part\s*-{5,}$/i;
const SCRUBBED_STUB =
  /^(?:An? .*(?:scrubbed|attachment).*|Name\s*:.*|Type\s*:.*|Size\s*:.*|Desc\s*:.*|URL\s*:.*|Url\s*:.*|Skipped content of type.*)$/i;
const UNDERSCORE_RULE = /^_{20,}\s*$/;
const MAILMAN_FOOTER_LINE = /mailing list|listinfo|mailman|unsubscribe|https?:\/\//i;
const GROUPS_IO_RULE = /^(?:-=){4,}-?\s*$/;
const GROUPS_IO_ONLINE = /View\/Reply Online \(#\d+\):\s*(\S+)/i;
const ORIGINAL_MESSAGE =
  /^-{2,}\s*(?:Original Message|Forwarded message|Replied message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Oorspronkelijk bericht)\s*-{2,}\s*$|^Begin forwarded message:\s*$/i;
const FORWARD_HEADER =
  /^(?:From|Sent|Date|To|Cc|Subject|Reply-To|Importance|Von|Gesendet|An|Betreff|Datum|De|Envoyé|À|Objet|Para|Asunto|Enviado)\s*:/i;
const DIFF_START = /^(?:diff (?:--git |-[a-zA-Z])|Index: \S)/;
const DIFF_LINE =
  /^(?:[ +\-\\]|@@ |diff |index |Index: |={4,}|new file mode|deleted file mode|(?:dis)?similarity index|rename (?:from|to) |copy (?:from|to) |old mode|new mode|Binary files )/;

export function plainTextBody(text: string, flowed = false): MailBody {
  return linesBody(text.split(/\r\n|\n|\r/), flowed);
}

/** `flowed`: every line is a paragraph already (format=flowed text after unflowing). */
export function linesBody(rawLines: readonly string[], flowed = false): MailBody {
  const lines = rawLines.map(quoteLevel);
  unquoteStuffedFrom(lines);
  rejoinSpilledQuoteLines(lines);
  markForwardedMessages(lines);
  const reader = new RawReader(lines, flowed || writtenOneLinePerParagraph(lines));
  return { blocks: attribute(reader.read()), onlineUrl: reader.onlineUrl };
}

/** A prose line longer than any mailer wraps: the text was written one paragraph per line. */
const UNWRAPPED_PROSE = /^(?=.{120})(?:\S+\s+){12}/;

/**
 * Mail is hard-wrapped, its paragraphs separated by blank lines; but text/plain made from HTML
 * (Groups.io) and some webmail put each paragraph on one long line with no blank line between.
 */
function writtenOneLinePerParagraph(lines: readonly Line[]): boolean {
  const own = lines.filter((l) => l.depth === 0 && l.text.trim() !== '' && !/^[+\- @]/.test(l.text));
  const unwrapped = own.filter((l) => UNWRAPPED_PROSE.test(l.text)).length;
  return unwrapped > 0 && unwrapped >= own.length / 10;
}

/** `> > text` → depth 2, `text`. */
function quoteLevel(raw: string): Line {
  const m = /^(?:>[ \t]?)+/.exec(raw);
  if (!m) return { depth: 0, text: raw.trimEnd() };
  const depth = m[0].replace(/[^>]/g, '').length;
  return { depth, text: raw.slice(m[0].length).trimEnd() };
}

/**
 * mbox escapes a body line starting with "From " as ">From ", and archives (Hypermail, mboxo files)
 * leave it so. One such line inside an unquoted paragraph is the writer's own text, not a quotation.
 */
function unquoteStuffedFrom(lines: Line[]): void {
  for (let i = 1; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    if (line.depth !== 1 || !line.text.startsWith('From ')) continue;
    const before = lines[i - 1]!;
    const after = lines[i + 1]!;
    if (before.depth === 0 && after.depth === 0 && before.text.trim() !== '' && after.text.trim() !== '')
      line.depth = 0;
  }
}

/**
 * A mailer that re-wraps quoted text after adding `> ` spills the end of a long line onto a line of
 * its own, unquoted: "> … Clearly they" / "have no" / "> bearing on …". A short line that continues a
 * quoted sentence in lower case, between two lines of the same quotation, belongs to it.
 */
function rejoinSpilledQuoteLines(lines: Line[]): void {
  for (let i = 1; i + 1 < lines.length; i++) {
    const line = lines[i]!;
    const before = lines[i - 1]!;
    const after = lines[i + 1]!;
    if (line.depth !== 0 || before.depth === 0 || after.depth !== before.depth) continue;
    if (line.text.length > 40 || !/^\p{Ll}/u.test(line.text) || /[.!?]$/.test(before.text)) continue;
    if (before.text.trim() === '' || after.text.trim() === '') continue;
    line.depth = before.depth;
  }
}

function isBlank(line: Line): boolean {
  return line.attribution === undefined && line.text.trim() === '';
}

/**
 * An "-----Original Message-----" (or forwarded-message) header block says that what follows, at its
 * depth, is another person's text: the block becomes one attribution line and everything after it
 * goes one quote level deeper.
 */
function markForwardedMessages(lines: Line[]): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const next = lines[i + 1];
    const outlookRule =
      UNDERSCORE_RULE.test(line.text) && next?.depth === line.depth && /^From\s*:/i.test(next.text.trim());
    if (!(ORIGINAL_MESSAGE.test(line.text.trim()) || outlookRule)) continue;
    let j = i + 1;
    while (j < lines.length && lines[j]!.depth === line.depth && lines[j]!.text.trim() === '' && j < i + 3) j++;
    let from: string | null = null;
    let sawHeader = false;
    for (; j < lines.length && lines[j]!.depth === line.depth; j++) {
      const text = lines[j]!.text;
      if (FORWARD_HEADER.test(text.trim())) {
        sawHeader = true;
        const m = /^From\s*:\s*(.*)$/i.exec(text.trim());
        if (m) from = authorName(m[1]!.replace(/\s*\[(?:SMTP|mailto):[^\]]*\]/gi, ''));
      } else if (!(sawHeader && /^\s/.test(text) && text.trim() !== '')) break;
    }
    if (!sawHeader && !ORIGINAL_MESSAGE.test(line.text.trim())) continue;
    for (let k = i + 1; k < j; k++) lines[k] = { depth: line.depth, text: '' };
    lines[i] = { depth: line.depth, text: '', attribution: from };
    for (let k = j; k < lines.length; k++) {
      const later = lines[k]!;
      if (later.depth < line.depth && !isBlank(later)) break;
      later.depth += 1;
    }
  }
}

class RawReader {
  onlineUrl: string | null = null;
  private readonly raws: Raw[] = [];
  private open: { depth: number; lines: string[] } | undefined;

  constructor(
    private readonly lines: Line[],
    private readonly lineParagraphs: boolean,
  ) {}

  read(): Raw[] {
    const lines = this.lines;
    let i = 0;
    while (i < lines.length) {
      const line = lines[i]!;
      if (line.attribution !== undefined) {
        this.close();
        this.raws.push({ kind: 'attribution', depth: line.depth, name: line.attribution });
        i++;
      } else if (isBlank(line)) {
        this.close();
        i++;
      } else if (line.depth === 0 && this.diffStarts(i)) {
        this.close();
        i = this.readDiff(i);
      } else if (NEXT_PART.test(line.text.trim())) {
        this.close();
        i = this.skipWhile(i + 1, line.depth, (text) => SCRUBBED_STUB.test(text.trim()));
      } else if (this.isMailmanFooter(i)) {
        this.close();
        i = this.skipWhile(i + 1, line.depth, () => true);
      } else if (GROUPS_IO_RULE.test(line.text) && /Groups\.io/i.test(lines[i + 1]?.text ?? '')) {
        this.close();
        i = this.skipGroupsIoFooter(i);
      } else if (line.depth === 0 && line.text === '---') {
        // git format-patch: the commit message ends here; the diffstat follows.
        this.close();
        i++;
      } else if (line.text.trim() === '--' && line.text.trimStart() === line.text) {
        this.close();
        i = this.skipSignature(i);
      } else {
        if (this.open && this.open.depth !== line.depth) this.close();
        this.open ??= { depth: line.depth, lines: [] };
        this.open.lines.push(line.text.trim());
        if (this.lineParagraphs && line.depth === 0) this.close();
        i++;
      }
    }
    this.close();
    return this.raws;
  }

  private close(): void {
    if (this.open)
      this.raws.push({ kind: 'text', depth: this.open.depth, lines: this.open.lines, preformatted: false });
    this.open = undefined;
  }

  /** Skips the non-blank lines at `depth` from `i` that `test` accepts. */
  private skipWhile(i: number, depth: number, test: (text: string) => boolean): number {
    let j = i;
    while (j < this.lines.length) {
      const line = this.lines[j]!;
      if (line.depth !== depth || isBlank(line) || line.attribution !== undefined || !test(line.text)) break;
      j++;
    }
    return j;
  }

  private isMailmanFooter(i: number): boolean {
    const line = this.lines[i]!;
    if (!UNDERSCORE_RULE.test(line.text)) return false;
    const next = this.lines[i + 1];
    return next !== undefined && next.depth === line.depth && MAILMAN_FOOTER_LINE.test(next.text);
  }

  private skipGroupsIoFooter(i: number): number {
    let j = i + 1;
    for (; j < this.lines.length; j++) {
      const text = this.lines[j]!.text;
      const online = GROUPS_IO_ONLINE.exec(text);
      if (online && this.lines[j]!.depth === 0) this.onlineUrl = online[1]!;
      if (GROUPS_IO_RULE.test(text)) return j + 1;
    }
    return j;
  }

  /**
   * A signature runs from `-- ` to the end of its quote level. At the top level it stops where a
   * quotation begins (mailers put the quoted original after the signature), keeping the attribution
   * line in front of it.
   */
  private skipSignature(i: number): number {
    const depth = this.lines[i]!.depth;
    let j = i + 1;
    let paragraphStart = j;
    for (; j < this.lines.length; j++) {
      const line = this.lines[j]!;
      if (line.attribution !== undefined) return j;
      if (isBlank(line)) {
        paragraphStart = j + 1;
        continue;
      }
      if (line.depth !== depth) break;
    }
    if (j < this.lines.length && this.lines[j]!.depth > depth && paragraphStart < j) {
      const last = this.lines.slice(paragraphStart, j).map((l) => l.text);
      if (attributionName(last.join(' '))) return paragraphStart;
    }
    return j;
  }

  private diffStarts(i: number): boolean {
    const text = this.lines[i]!.text;
    if (DIFF_START.test(text)) return true;
    const next = this.lines[i + 1];
    return text.startsWith('--- ') && next?.depth === 0 && next.text.startsWith('+++ ');
  }

  /** A patch: one preformatted paragraph per file header and hunk, until a line that is not diff. */
  private readDiff(i: number): number {
    let hunk: string[] = [];
    const flush = (): void => {
      while (hunk.length > 0 && hunk[hunk.length - 1] === '') hunk.pop();
      if (hunk.length > 0) this.raws.push({ kind: 'text', depth: 0, lines: hunk, preformatted: true });
      hunk = [];
    };
    let j = i;
    for (; j < this.lines.length; j++) {
      const line = this.lines[j]!;
      if (line.depth !== 0 || line.attribution !== undefined) break;
      const text = line.text;
      if (text === '') {
        // A blank context line whose space a mailer trimmed, when the patch goes on after it.
        let k = j + 1;
        while (k < this.lines.length && this.lines[k]!.depth === 0 && this.lines[k]!.text === '') k++;
        const after = this.lines[k];
        if (after && after.depth === 0 && DIFF_LINE.test(after.text) && after.text !== '--') {
          hunk.push('');
          continue;
        }
        break;
      }
      // `-- ` ends git format-patch output; trimmed, it reads `--` (a removed `-` line is rarer).
      if (text === '--' || !DIFF_LINE.test(text)) break;
      const startsFile = /^(?:diff |Index: )/.test(text);
      const startsHunk = text.startsWith('@@') && hunk.some((l) => l.startsWith('@@'));
      if ((startsFile || startsHunk) && hunk.length > 0) flush();
      hunk.push(text);
    }
    flush();
    return j;
  }
}

/** Drops attribution lines in front of quotations and gives each quote block its author. */
function attribute(raws: Raw[]): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  const authors: (string | null)[] = [];
  const setAuthor = (depth: number, name: string | null): void => {
    authors.length = depth;
    authors[depth] = name;
  };
  for (let r = 0; r < raws.length; r++) {
    const raw = raws[r]!;
    if (raw.kind === 'attribution') {
      setAuthor(raw.depth + 1, raw.name);
      continue;
    }
    let lines = raw.lines;
    const next = raws[r + 1];
    if (!raw.preformatted && next?.kind === 'text' && next.depth > raw.depth) {
      const found = trailingAttribution(lines);
      if (found) {
        lines = lines.slice(0, found.keep);
        setAuthor(raw.depth + 1, found.name);
      }
    }
    if (lines.length === 0) continue;
    const text = raw.preformatted ? lines.join('\n') : lines.join(' ');
    if (raw.depth === 0) {
      blocks.push({ kind: 'paragraph', text });
    } else {
      const author = authors[raw.depth];
      blocks.push(author ? { kind: 'quote', text, fromAuthor: author } : { kind: 'quote', text });
    }
  }
  return blocks;
}

/** The attribution at the end of a paragraph (up to three wrapped lines), and how many lines come before it. */
function trailingAttribution(lines: readonly string[]): { keep: number; name: string } | undefined {
  // "From: Joe Perches <joe@perches.com>\nDate: …" before the quotation, as some mailers write it.
  if (lines.length <= 4 && lines.every((l) => FORWARD_HEADER.test(l))) {
    const from = lines.map((l) => /^From\s*:\s*(.+)$/i.exec(l)?.[1]).find((v) => v !== undefined);
    const name = from ? authorName(from) : null;
    if (name) return { keep: 0, name };
  }
  const candidate = (k: number): string => lines.slice(lines.length - k).join(' ');
  const max = Math.min(3, lines.length);
  let k = 1;
  let name: string | undefined;
  for (; k <= max; k++) {
    // "<addr> wrote:" alone is the second half of a wrapped attribution when a line comes before it.
    if (k < lines.length && lines[lines.length - k]!.startsWith('<')) continue;
    name = attributionName(candidate(k), k === lines.length);
    if (name) break;
  }
  if (!name) return undefined;
  // "On Tue, 17 Nov 2009, Carl\nWorth wrote:" matches at "Worth wrote:" already; take the whole.
  for (let wider = k + 1; wider <= max; wider++) {
    const first = lines[lines.length - wider]!;
    if (!startsAttribution(first) || /[.!?]$/.test(first)) continue;
    const widerName = attributionName(candidate(wider), wider === lines.length);
    if (widerName) {
      k = wider;
      name = widerName;
    }
  }
  return { keep: lines.length - k, name };
}

/**
 * An HTML body through htmlToBlocks, then what mail adds: paragraphs split at blank lines (a `<br><br>`
 * body is one block otherwise), the attribution line before a blockquote named on its quote blocks,
 * and the signature dropped.
 */
export function htmlBody(html: string): MailBody {
  const pieces = htmlToBlocks(html).flatMap((block) =>
    block.text
      .split(/\n[ \t]*\n/)
      .map((text) => text.trim())
      .filter((text) => text !== '')
      .map((text): SourceBlock => ({ ...block, text })),
  );
  const blocks: SourceBlock[] = [];
  let author: string | undefined;
  for (let i = 0; i < pieces.length; i++) {
    const block = pieces[i]!;
    if (block.kind === 'quote') {
      blocks.push(block.fromAuthor || !author ? block : { ...block, fromAuthor: author });
      continue;
    }
    if (/^--\s*(?:\n|$)/.test(block.text)) {
      while (i + 1 < pieces.length && pieces[i + 1]!.kind !== 'quote') i++;
      continue;
    }
    let text = block.text;
    if (pieces[i + 1]?.kind === 'quote') {
      const lines = text.split('\n');
      const found = trailingAttribution(lines);
      if (found) {
        author = found.name;
        text = lines.slice(0, found.keep).join('\n');
      }
    }
    if (text.trim() !== '') blocks.push({ kind: 'paragraph', text });
  }
  return { blocks, onlineUrl: null };
}
