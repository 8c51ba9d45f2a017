import { describe, expect, it } from 'vitest';
import { QuoteReconstructor, type Block, type Decision } from '../../../../src/main/core/quotes/reconstructor';
import { quotedSegments } from '../../../../src/main/core/quotes/rules';
import { normalize } from '../../../../src/main/core/text/normalize';

// Excerpts from the LessWrong debate in tests/fixtures/seed-thread.txt.
const A =
  'As I see it: in training, it was optimized for that. The trained model likely contains one or more optimizers optimized by that training. But what the model is trained/optimized to do, is actually answer the questions.';
const B =
  'Likewise, the heuristics/”adaptations” that coalesced to form the optimizer would have been oriented towards answering the questions. All this points to mask-level goals and does not provide a reason to believe in non-mask goals, and so a “goal slot” remains more parsimonious than an actor with a different underlying goal.';
const B_FIRST_SENTENCE =
  'Likewise, the heuristics/”adaptations” that coalesced to form the optimizer would have been oriented towards answering the questions.';
const C =
  'The model’s “training/optimization”, as characterized by the outer loss, is not what determines the inner optimizer’s cognition.';
const D =
  'Regarding the evolutionary analogy, while I’d generally be skeptical about applying evolutionary analogies to LLMs, because they are very different, in this case I think it does apply, just not the way you think.';
const E = 'Which is to say:';

function run(blocks: Block[]): { decisions: Decision[]; passages: Extract<Decision, { kind: 'passage' }>[] } {
  const texts: string[] = [];
  const r = new QuoteReconstructor((i) => texts[i]!);
  const decisions: Decision[] = [];
  for (const b of blocks) {
    for (const d of r.push(b)) {
      if (d.kind === 'passage') texts[d.index] = d.normalized;
      decisions.push(d);
    }
  }
  decisions.push(...r.end());
  return { decisions, passages: decisions.filter((d) => d.kind === 'passage') };
}

const p = (text: string): Block => ({ kind: 'paragraph', text });

describe('quote reconstruction', () => {
  it('a repeated whole paragraph is a quotation, and the next new paragraph answers it', () => {
    const { passages, decisions } = run([p(A), p(B), p(A), p(C)]);
    expect(passages.map((x) => x.text)).toEqual([A, B, C]);
    expect(passages[2]!.respondsTo).toEqual([
      { target: 0, start: 0, end: passages[0]!.normalized.length, kind: 'quote' },
    ]);
    expect(decisions.filter((d) => d.kind === 'quotation')).toHaveLength(1);
  });

  it('a sentence cut out of a paragraph is a quotation of that span', () => {
    const { passages } = run([p(B), p(C), p(B_FIRST_SENTENCE), p(D)]);
    expect(passages.map((x) => x.text)).toEqual([B, C, D]);
    const [link] = passages[2]!.respondsTo;
    expect(link).toMatchObject({ target: 0, kind: 'quote' });
    expect(passages[0]!.normalized.slice(link!.start, link!.end)).toBe(
      'likewise, the heuristics/"adaptations" that coalesced to form the optimizer would have been oriented towards answering the questions.',
    );
  });

  it('a repeat too short to rule out coincidence is neither stored again nor a quotation', () => {
    const { passages, decisions } = run([p(E), p(A), p(E), p(D)]);
    expect(passages.map((x) => x.text)).toEqual([E, A, D]);
    expect(passages[2]!.respondsTo).toEqual([]);
    expect(decisions.some((d) => d.kind === 'repeat')).toBe(true);
  });

  it('a quotation that stops a letter short of a word still quotes the passage', () => {
    const source =
      'Like when he called Mexicans rapists/murderers/drug dealers, or when he made fun of a disabled reporter.';
    const { passages } = run([p(source), p('Like when he called Mexicans rapists/murderers/drug dealer'), p(D)]);
    expect(passages.map((x) => x.text)).toEqual([source, D]);
    expect(passages[1]!.respondsTo[0]).toMatchObject({ target: 0, start: 0, kind: 'quote' });
  });

  it('a post that writes above the quotation it ends with (top-posting) answers it', () => {
    const { decisions } = run([p(A), { kind: 'boundary' }, p(D), { kind: 'quote', text: A }, { kind: 'boundary' }]);
    expect(decisions.find((d) => d.kind === 'links')).toEqual({
      kind: 'links',
      from: 1,
      respondsTo: [{ target: 0, start: 0, end: normalize(A).length, kind: 'quote' }],
    });
  });

  it('a short phrase shared by chance is not a quotation', () => {
    const { passages } = run([p(A), p('answer the questions.'), p(D)]);
    expect(passages.map((x) => x.text)).toEqual([A, 'answer the questions.', D]);
  });

  it('a paragraph that embeds an earlier passage in parentheses links to it as embedded', () => {
    const embedding = `...why? (${C})`;
    const { passages } = run([p(C), p(A), p(embedding)]);
    expect(passages[2]!.respondsTo).toEqual([
      { target: 0, start: 0, end: passages[0]!.normalized.length, kind: 'embedded' },
    ]);
  });

  it('a sentence quoted inside a paragraph links to the span it came from', () => {
    const embedding = `You wrote “${B_FIRST_SENTENCE}” and I still think this is wrong.`;
    const { passages } = run([p(B), p(A), p(embedding)]);
    const [link] = passages[2]!.respondsTo;
    expect(link).toMatchObject({ target: 0, kind: 'embedded', start: 0 });
    expect(link!.end).toBe(passages[0]!.normalized.indexOf('questions.') + 'questions.'.length);
  });

  it('a block of the thread exported twice adds no passages and no links', () => {
    const first = [A, B, C, D, E];
    const { passages, decisions } = run([...first, ...first].map(p));
    expect(passages.map((x) => x.text)).toEqual(first);
    expect(passages.every((x) => x.respondsTo.length === 0)).toBe(true);
    expect(decisions.filter((d) => d.kind === 'duplicate')).toHaveLength(5);
  });

  it('a second copy that skips the quotations of the first is still a duplicate', () => {
    // First copy: A, B, quote of A, C answering it, D. Second copy drops the quotation.
    const { passages } = run(
      [A, B, A, C, D, A, B, C, D, 'A new closing remark that was never said before in this thread.'].map(p),
    );
    expect(passages.map((x) => x.text)).toEqual([
      A,
      B,
      C,
      D,
      'A new closing remark that was never said before in this thread.',
    ]);
    expect(passages[4]!.respondsTo).toEqual([]);
    expect(passages[2]!.respondsTo).toHaveLength(1);
  });

  it('two consecutive quoted paragraphs followed by an answer are quotations, not a duplicate', () => {
    const { passages } = run([A, B, C, A, B, D].map(p));
    expect(passages[3]!.text).toBe(D);
    expect(passages[3]!.respondsTo.map((l) => l.target)).toEqual([0, 1]);
  });

  it('quotations in reverse order are not mistaken for a duplicated block', () => {
    const { passages } = run([A, B, C, C, B, A, D].map(p));
    expect(passages[3]!.respondsTo.map((l) => l.target)).toEqual([2, 1, 0]);
  });

  it('never stores the same text twice in a thread', () => {
    const { passages } = run([A, A, A, B, A.toUpperCase(), C].map(p));
    expect(new Set(passages.map((x) => x.normalized)).size).toBe(passages.length);
  });

  it('a post boundary drops quotations nobody answered', () => {
    const { passages } = run([p(A), p(B), p(A), { kind: 'boundary' }, p(D)]);
    expect(passages[2]!.text).toBe(D);
    expect(passages[2]!.respondsTo).toEqual([]);
  });

  it('an explicit Markdown quotation links to the passage it quotes', () => {
    const { passages } = run([p(B), p(C), { kind: 'quote', text: B_FIRST_SENTENCE }, p(D)]);
    expect(passages.map((x) => x.text)).toEqual([B, C, D]);
    expect(passages[2]!.respondsTo[0]).toMatchObject({ target: 0, kind: 'quote', start: 0 });
  });

  it('an explicit quotation of something outside the thread becomes a passage the answer responds to', () => {
    const outside = 'be capable of answering any question I ask you.';
    const { passages } = run([p(A), { kind: 'quote', text: outside }, p(D)]);
    expect(passages.map((x) => x.text)).toEqual([A, outside, D]);
    expect(passages[2]!.respondsTo).toEqual([{ target: 1, start: 0, end: outside.length, kind: 'quote' }]);
  });
});

describe('quoted segments', () => {
  it('finds quotable stretches in quotes and parentheses, not short asides', () => {
    const text =
      'he said "this is a long enough quoted stretch of words" (short aside) and (another long enough stretch of words here)';
    const found = quotedSegments(text).map((s) => text.slice(s.start, s.end));
    expect(found).toContain('this is a long enough quoted stretch of words');
    expect(found).toContain('another long enough stretch of words here');
    expect(found).not.toContain('short aside');
  });

  it('pairs the outer quote marks of a quotation that contains quotes', () => {
    const text = 'you wrote "the heuristics/"adaptations" that coalesced to form the optimizer" and so on';
    expect(text.slice(quotedSegments(text)[0]!.start, quotedSegments(text)[0]!.end)).toBe(
      'the heuristics/"adaptations" that coalesced to form the optimizer',
    );
  });
});
