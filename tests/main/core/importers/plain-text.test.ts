import { describe, expect, it } from 'vitest';
import { detectParagraphMode, PlainTextParser } from '../../../../src/main/core/importers/plain-text';
import type { Block } from '../../../../src/main/core/importers/types';

function parse(text: string, chunk = text.length): Block[] {
  const parser = new PlainTextParser();
  const blocks: Block[] = [];
  for (let i = 0; i < text.length; i += chunk) blocks.push(...parser.push(text.slice(i, i + chunk)));
  return [...blocks, ...parser.end()];
}

const texts = (blocks: Block[]) => blocks.map((b) => (b.kind === 'boundary' ? '|' : b.text));

describe('plain text paragraphs', () => {
  it('reads one paragraph per line when there are no blank lines', () => {
    expect(texts(parse('First paragraph.\nSecond paragraph.\r\nThird.'))).toEqual([
      'First paragraph.',
      'Second paragraph.',
      'Third.',
    ]);
  });

  it('joins hard-wrapped lines into paragraphs separated by blank lines', () => {
    const wrapped =
      'I concretely disagree with (what I see as) your implied\npremise that the outer (training) task has any direct\ninfluence on the inner cognition.\n\nThe model’s training, as characterized by the outer\nloss, is not what determines the inner cognition.\n';
    expect(detectParagraphMode(wrapped.split('\n'))).toBe('blank-line');
    expect(texts(parse(wrapped))).toEqual([
      'I concretely disagree with (what I see as) your implied premise that the outer (training) task has any direct influence on the inner cognition.',
      'The model’s training, as characterized by the outer loss, is not what determines the inner cognition.',
    ]);
  });

  it('keeps whole-paragraph lines apart even when blank lines separate comments', () => {
    const lines =
      'Yeah, I agree with that.\nBut the second point is weaker.\n\nWhy do you say so?\nIt seems right to me.\n';
    expect(texts(parse(lines))).toEqual([
      'Yeah, I agree with that.',
      'But the second point is weaker.',
      'Why do you say so?',
      'It seems right to me.',
    ]);
  });

  it('gives the same paragraphs however the text is split into chunks, CRLF included', () => {
    const text = 'One line here.\r\nTwo lines here.\r\n\r\nThree, after a blank.\r\nfour';
    const whole = texts(parse(text));
    for (const size of [1, 2, 3, 7]) expect(texts(parse(text, size))).toEqual(whole);
    expect(whole).toEqual(['One line here.', 'Two lines here.', 'Three, after a blank.', 'four']);
  });
});
