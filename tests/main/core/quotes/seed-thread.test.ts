import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importFile } from '../../../../src/main/core/import/import-file';
import { threadView } from '../../../../src/main/core/library/thread-view';
import { FIXTURES, tempLibrary } from '../../../helpers/library';

// Expected counts, read off the file by hand (123 lines):
// - lines 68–123 repeat the first copy in order (the export's second copy, without its quotations): 56 duplicates;
// - lines 11, 13, 14, 15, 17, 20, 24, 31 and 41 repeat earlier text as quotations: 9;
// - the other 58 lines are passages. Links: line 12 answers 5; line 16 answers 6, 12 (which line 14
//   repeated) and the first sentence of 7, and embeds 12 in parentheses; 18 answers the second half of 7;
//   21 answers 8; 25 answers the first sentence of 7; 32 answers 12; 42 answers the last question of 18.
describe('the seed thread, end to end', () => {
  it('becomes 58 passages with the 10 links a reader finds', async () => {
    const { stores } = tempLibrary();
    const summary = await importFile(stores, path.join(FIXTURES, 'seed-thread.txt'));
    expect(summary).toMatchObject({ posts: 1, passages: 58, newPassages: 58, links: 10, format: 'text' });

    const view = threadView(stores, summary.threadId);
    const passages = view.posts.flatMap((p) => p.passages);
    const byText = (start: string) => passages.find((p) => p.text.startsWith(start))!;
    const quoted = (link: { passageId: number; start: number; end: number }) =>
      passages.find((p) => p.id === link.passageId)!.text.slice(link.start, link.end);

    const line16 = byText('...why?');
    expect(line16.respondsTo.map((l) => [l.kind, quoted(l).slice(0, 40)])).toEqual([
      ['quote', 'If the model in training has an optimize'],
      ['quote', 'The model’s “training/optimization”, as '],
      ['quote', 'Likewise, the heuristics/”adaptations” t'],
      ['embedded', 'The model’s “training/optimization”, as '],
    ]);
    expect(quoted(line16.respondsTo[2]!)).toBe(
      'Likewise, the heuristics/”adaptations” that coalesced to form the optimizer would have been oriented towards answering the questions.',
    );
    const line18 = byText('I still don’t understand your “mask” analogy');
    expect(quoted(line18.respondsTo[0]!)).toMatch(
      /^All this points to mask-level goals .* a different underlying goal\.$/,
    );
    const line42 = byText('The LLM is generating output');
    expect(quoted(line42.respondsTo[0]!)).toMatch(/^Could you rephrase your point without making mention to “masks”/);
    expect(byText('I still think this is wrong').respondsTo).toHaveLength(1);

    // Each passage once: no text stored twice.
    expect(new Set(passages.map((p) => p.text)).size).toBe(passages.length);
  });
});
