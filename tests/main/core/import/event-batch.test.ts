import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { batchEvents, EventBatchWriter, packDecisions } from '../../../../src/main/core/import/event-batch';
import type { ParsedEvent } from '../../../../src/main/core/import/forum-parse-protocol';
import { parsedEvents, setForumParseWorkerMinBytes } from '../../../../src/main/core/import/forum-parsing';
import { inspectSource } from '../../../../src/main/core/import/source-file';
import { preparePost } from '../../../../src/main/core/import/thread-writer';
import { detectForumParser } from '../../../../src/main/core/importers/registry';
import type { SourcePost } from '../../../../src/main/core/importers/source-thread';
import { FIXTURES } from '../../../helpers/library';

afterEach(() => setForumParseWorkerMinBytes(4 * 1024 * 1024));

/** A real file's events as the parser gives them in the import's thread, posts prepared as a worker prepares them. */
async function eventsOf(...parts: string[]): Promise<ParsedEvent[]> {
  setForumParseWorkerMinBytes(Infinity);
  const file = path.join(FIXTURES, ...parts);
  const source = await inspectSource(file);
  const parser = detectForumParser(file, source.head)!;
  const events: ParsedEvent[] = [];
  for await (const run of parsedEvents(parser, source, source.encoding, (bytesDone) =>
    events.push({ kind: 'progress', bytesDone }),
  )) {
    for (const event of run) {
      events.push(event.kind === 'post' ? { ...event, prepared: preparePost(event.post, true) } : event);
    }
  }
  return events;
}

/** The events written into batches of `size` and read back. */
function throughBatches(events: readonly ParsedEvent[], size: number): ParsedEvent[] {
  const out: ParsedEvent[] = [];
  const writer = new EventBatchWriter();
  const flush = (): void => {
    if (!writer.empty) out.push(...batchEvents(structuredClone(writer.take())));
  };
  events.forEach((event, i) => {
    writer.add(event);
    if (i % size === size - 1) flush();
  });
  flush();
  return out;
}

describe('event batches (what crosses between the import and its workers)', () => {
  const files: string[][] = [
    ['hackernews', 'hn-25015967-biden-wins-hnpwa.json'],
    ['reddit', 'r-collegebasketball-31owr1-top.json'],
    ['discourse', 'cf-t2108-topic-at-post452.json'],
    ['mail', 'mbox', 'groupsio-beta-announcements.mbox'],
    ['html', 'phpbb', 't2597-set-performance-page1.html'],
  ];
  for (const parts of files) {
    it(`gives back every event of ${parts.at(-1)} as it went in, in order`, async () => {
      const events = await eventsOf(...parts);
      expect(events.filter((e) => e.kind === 'post').length).toBeGreaterThan(10);
      expect(throughBatches(events, 37)).toEqual(events);
    });
  }

  it('keeps what a source says of its posts and of their quotations, absent and null apart', async () => {
    const events = [...(await eventsOf('discourse', 'cf-t2108-topic-at-post452.json'))];
    const posts = events.filter((e): e is Extract<ParsedEvent, { kind: 'post' }> => e.kind === 'post');
    // The fixture quotes posts by number and author: those travel too.
    expect(posts.some((p) => p.post.blocks.some((b) => b.kind === 'quote' && b.fromAuthor && b.fromPostKey))).toBe(
      true,
    );
    const first = posts[0]!;
    const unusual: SourcePost = {
      ...first.post,
      blocks: [
        { kind: 'paragraph', text: '' },
        { kind: 'quote', text: 'Ünïcødé 🙂 \ud800' },
      ],
    };
    const variants: ParsedEvent[] = [
      { ...first, post: { ...first.post, title: null, deleted: true, missingReplies: 3, parentKey: null } },
      {
        ...first,
        post: { ...first.post, title: 'Re: ü', deleted: false, author: null, postedAt: null, permalink: null },
      },
      { kind: 'warning', message: 'a warning between posts' },
      { ...first, post: unusual, prepared: preparePost(unusual, true) },
    ];
    expect(throughBatches(variants, 10)).toEqual(variants);
  });

  it('carries what the detection worker decided of each post, and nothing for the posts it left', () => {
    const source: SourcePost = {
      key: 'k',
      parentKey: null,
      author: 'a',
      postedAt: null,
      permalink: null,
      blocks: [{ kind: 'paragraph', text: 'Hi' }],
    };
    const post: ParsedEvent = { kind: 'post', post: source, prepared: preparePost(source, true) };
    const writer = new EventBatchWriter();
    for (let i = 0; i < 3; i++) writer.add(post);
    const batch = { ...writer.take(), decided: packDecisions([[0, 1, 0, 0, 0, 0], undefined, []]) };
    const decided = [...batchEvents(batch)].map((e) => (e.kind === 'post' ? e.decided : 'other'));
    expect(decided).toEqual([[0, 1, 0, 0, 0, 0], undefined, []]);
  });
});
