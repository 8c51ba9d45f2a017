import type { LinkKind } from '../../../shared/model/library';
import { normalize } from '../text/normalize';
import { PassageIndex, QUOTE_WINDOW_GENERATION, type IsPassageText, type PassageText } from './passage-index';
import { continuesDuplicate, DUPLICATE_RUN_MIN, isQuotable, quotedSegments, type Span } from './rules';

/** What a source yields, in reading order. */
export type Block =
  | { kind: 'paragraph'; text: string }
  /** Marked as a quotation by the source itself (a Markdown `>` block). */
  | { kind: 'quote'; text: string }
  /** A post ends here. */
  | { kind: 'boundary' };

/** A link from a new passage; offsets are into the target's normalised text. */
export interface PendingLink extends Span {
  target: number;
  kind: LinkKind;
}

export type Decision =
  | {
      kind: 'passage';
      text: string;
      normalized: string;
      index: number;
      respondsTo: PendingLink[];
      /** Words quoted from outside what the library holds, not written by the post they stand in. */
      quotedOnly?: boolean;
    }
  /** Not stored: it quotes `target`, and the next passage answers it. */
  | { kind: 'quotation'; text: string; target: number; start: number; end: number; answered: boolean }
  /** Not stored: part of a block of the thread exported twice. */
  | { kind: 'duplicate'; text: string; target: number }
  /** Not stored: the same text as an earlier passage, too short to count as a quotation. */
  | { kind: 'repeat'; text: string; target: number }
  /** Links added to a passage already decided: a top-posted reply answers the quotation below it. */
  | { kind: 'links'; from: number; respondsTo: PendingLink[] }
  | { kind: 'boundary' };

interface Pending extends Span {
  text: string;
  target: number;
  /** Repeats a whole passage (the only kind a duplicated block is made of). */
  whole: boolean;
  quotable: boolean;
  explicit: boolean;
  duplicate: boolean;
}

/** Repeats a passage whole without its author marking it a quotation: what a duplicated block is made of. */
function isRepeat(p: Pending): boolean {
  return p.whole && !p.explicit;
}

/**
 * Turns a flat stream of paragraphs into passages and the links between them, following the rules in
 * rules.ts. Knows the passages stored so far in the thread, including those of earlier imports
 * (register them with `known`), so a longer export of the same thread adds only what is new.
 */
export class QuoteReconstructor {
  private readonly index: PassageIndex;
  private pending: Pending[] = [];
  /** The first passage stored since the last post boundary. */
  private firstOfPost: number | undefined;

  /** `generation`: see PassageIndex; tests make it small. */
  constructor(textOf: PassageText, isText?: IsPassageText, generation = QUOTE_WINDOW_GENERATION) {
    this.index = new PassageIndex(textOf, generation, isText);
  }

  get passages(): number {
    return this.index.size;
  }

  /** See PassageIndex.windowStart. */
  get windowStart(): number {
    return this.index.windowStart;
  }

  /** Registers a passage stored by an earlier import. */
  known(normalized: string): number {
    return this.index.add(normalized);
  }

  /** `normalized`: the block's text normalised, when the caller has it already. */
  push(block: Block, normalized?: string): Decision[] {
    if (block.kind === 'boundary') {
      // A post that quotes at its end and wrote above the quotation (top-posting, as in most mail)
      // answers it with what it wrote: link the post's first passage to the quotations left over.
      const late = this.firstOfPost === undefined ? [] : this.answeredQuotes();
      const decisions: Decision[] = late.length
        ? [...this.flush(true), { kind: 'links', from: this.firstOfPost!, respondsTo: late }]
        : this.flush(false);
      this.firstOfPost = undefined;
      return [...decisions, { kind: 'boundary' }];
    }
    normalized ??= normalize(block.text);
    if (normalized.length === 0) return [];
    return block.kind === 'quote' ? this.explicitQuote(block.text, normalized) : this.paragraph(block.text, normalized);
  }

  end(): Decision[] {
    return this.flush(false);
  }

  private paragraph(text: string, normalized: string): Decision[] {
    const same = this.index.findExact(normalized);
    if (same !== undefined) {
      const quotable = isQuotable(normalized);
      this.addPending({ text, target: same, start: 0, end: normalized.length, whole: true, explicit: false, quotable });
      return [];
    }
    const containing = this.index.findContaining(normalized);
    if (containing) {
      this.addPending({ text, ...containing, whole: false, explicit: false, quotable: true });
      return [];
    }
    const respondsTo = [...this.answeredQuotes(), ...this.embeddedQuotes(normalized)];
    const resolved = this.flush(true);
    const index = this.index.add(normalized);
    this.firstOfPost ??= index;
    return [...resolved, { kind: 'passage', text, normalized, index, respondsTo }];
  }

  private explicitQuote(text: string, normalized: string): Decision[] {
    const same = this.index.findExact(normalized);
    const match =
      same !== undefined ? { target: same, start: 0, end: normalized.length } : this.index.findContaining(normalized);
    if (match) {
      this.addPending({ text, ...match, whole: same !== undefined, explicit: true, quotable: true });
      return [];
    }
    // Quoting something outside the thread: the quoted words become a passage of their own,
    // and the answer below still responds to them.
    const index = this.index.add(normalized);
    this.addPending({
      text,
      target: index,
      start: 0,
      end: normalized.length,
      whole: true,
      explicit: true,
      quotable: true,
    });
    return [{ kind: 'passage', text, normalized, index, respondsTo: [], quotedOnly: true }];
  }

  private addPending(p: Omit<Pending, 'duplicate'>): void {
    this.pending.push({ ...p, duplicate: false });
    this.markDuplicateRun();
  }

  /** Flags the trailing run of in-order whole repeats once it is long enough to be a second copy. */
  private markDuplicateRun(): void {
    let first = this.pending.length - 1;
    if (first < 0 || !isRepeat(this.pending[first]!)) return;
    while (
      first > 0 &&
      isRepeat(this.pending[first - 1]!) &&
      continuesDuplicate(this.pending[first - 1]!.target, this.pending[first]!.target)
    ) {
      first--;
    }
    if (this.pending.length - first < DUPLICATE_RUN_MIN) return;
    // What came before the run since the last new passage was part of the same replay of the
    // thread (a re-exported copy repeats its quotations too), not quotations waiting for an answer.
    for (const p of this.pending) p.duplicate = true;
  }

  private answeredQuotes(): PendingLink[] {
    return this.pending
      .filter((p) => !p.duplicate && p.quotable)
      .map((p) => ({ target: p.target, start: p.start, end: p.end, kind: 'quote' as const }));
  }

  private embeddedQuotes(normalized: string): PendingLink[] {
    const links: PendingLink[] = this.index.findContained(normalized).map((c) => ({ ...c, kind: 'embedded' as const }));
    const taken: Span[] = [];
    for (const segment of quotedSegments(normalized)) {
      if (taken.some((t) => t.start < segment.end && segment.start < t.end)) continue;
      const found = this.index.findContaining(normalized.slice(segment.start, segment.end));
      if (!found) continue;
      taken.push(segment);
      if (!links.some((l) => l.target === found.target && l.start <= found.start && l.end >= found.end)) {
        links.push({ ...found, kind: 'embedded' });
      }
    }
    return links;
  }

  private flush(answered: boolean): Decision[] {
    const decisions = this.pending.map((p): Decision => {
      if (p.duplicate) return { kind: 'duplicate', text: p.text, target: p.target };
      if (!p.quotable) return { kind: 'repeat', text: p.text, target: p.target };
      return { kind: 'quotation', text: p.text, target: p.target, start: p.start, end: p.end, answered };
    });
    this.pending = [];
    return decisions;
  }
}
