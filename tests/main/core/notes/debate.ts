// A small library for note tests: the passages of the seed thread (a LessWrong debate about whether
// training shapes an inner optimizer's goals), one per line, and two trails about it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CitedPassage, Span } from '../../../../src/shared/model/notebook';
import { CruxError } from '../../../../src/main/core/errors';
import type { ResolvePassage, ResolveTrail } from '../../../../src/main/core/notes';

export const THREAD_TITLE = 'Mask goals and the inner optimizer';

/** Passage N is line N of the thread. The fixture names no authors; these are made up. */
export const PASSAGES: readonly string[] = readFileSync(
  path.join(__dirname, '../../../fixtures/seed-thread.txt'),
  'utf8',
)
  .split('\n')
  .filter((line) => line.trim() !== '');

export const TRAILS = new Map<number, string>([
  [3, 'Mask goals'],
  [5, 'Does the outer loss shape cognition?'],
]);

export function permalinkOf(passageId: number): string {
  return `https://www.lesswrong.com/posts/seed/mask-goals?commentId=c${passageId}`;
}

export function cited(passageId: number, span: Span | null = null): CitedPassage {
  const text = PASSAGES[passageId - 1];
  if (text === undefined) throw new CruxError('bad-input', `passage ${passageId} does not exist`);
  if (span && (span.start >= span.end || span.end > text.length)) {
    throw new CruxError('bad-input', `span ${span.start}-${span.end} is not inside passage ${passageId}`);
  }
  return {
    passageId,
    text: span ? text.slice(span.start, span.end) : text,
    author: passageId % 2 === 1 ? 'alice' : 'bob',
    postedAt: null,
    permalink: permalinkOf(passageId),
    threadId: 1,
    threadTitle: THREAD_TITLE,
    threadSource: null,
    gone: false,
  };
}

export const resolvePassage: ResolvePassage = (passageId, span) => cited(passageId, span);

export const resolveTrail: ResolveTrail = (trailId) => {
  const title = TRAILS.get(trailId);
  if (title === undefined) throw new CruxError('bad-input', `trail ${trailId} does not exist`);
  return { id: trailId, title };
};

export const refs = { passage: resolvePassage, trail: resolveTrail };
