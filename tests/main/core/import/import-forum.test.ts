import { beforeEach, describe, expect, it } from 'vitest';
import { importForumFile } from '../../../../src/main/core/import/import-forum';
import { inspectSource } from '../../../../src/main/core/import/source-file';
import type { ForumParser, SourceEvent, SourcePost } from '../../../../src/main/core/importers/source-thread';
import { threadView } from '../../../../src/main/core/library/thread-view';
import type { Stores } from '../../../../src/main/core/store';
import { libraryChecksum, tempLibrary, writeTemp } from '../../../helpers/library';

// A stand-in parser: the file holds the events as JSON, so each test states exactly what a source said.
const eventsParser: ForumParser = {
  format: 'discourse',
  sniff: () => true,
  async *parse(input) {
    const parsed = JSON.parse(await input.text()) as SourceEvent[] | { broken: true };
    if (!Array.isArray(parsed)) throw new Error('not a topic: no posts in it');
    yield* parsed;
  },
};

const thread: SourceEvent = {
  kind: 'thread',
  thread: {
    identity: 'discourse:forum.example:42',
    title: 'Inner optimizers',
    url: 'https://forum.example/t/x/42',
    format: 'discourse',
  },
};
const CLAIM = 'The trained model likely contains one or more optimizers optimized by that training.';
const ANSWER = 'The model’s training, as characterized by the outer loss, is not what determines its cognition.';

function post(
  key: string,
  parentKey: string | null,
  paragraphs: string[],
  extra: Partial<SourcePost> = {},
): SourceEvent {
  return {
    kind: 'post',
    post: {
      key,
      parentKey,
      author: `user${key}`,
      postedAt: `2025-09-2${key}T10:00:00.000Z`,
      permalink: `https://forum.example/t/x/42/${key}`,
      blocks: paragraphs.map((text) => ({ kind: 'paragraph', text })),
      ...extra,
    },
  };
}

let stores: Stores;
let dir: string;
beforeEach(() => {
  ({ stores, dir } = tempLibrary());
});

async function importEvents(name: string, events: unknown) {
  const file = writeTemp(dir, name, JSON.stringify(events));
  return importForumFile(stores, await inspectSource(file), eventsParser);
}

describe('importing a structured thread', () => {
  it('keeps authors, times, permalinks and the reply tree, and links quotes to what they quote', async () => {
    const [s] = await importEvents('page1.json', [
      thread,
      post('1', null, [CLAIM]),
      post('2', '1', [], {
        blocks: [
          { kind: 'quote', text: CLAIM, fromAuthor: 'user1', fromPostKey: '1' },
          { kind: 'paragraph', text: ANSWER },
        ],
      }),
      post('3', '2', [], { deleted: true, missingReplies: 4 }),
    ]);
    expect(s).toMatchObject({ title: 'Inner optimizers', format: 'discourse', posts: 3, passages: 2, links: 1 });
    const view = threadView(stores, s!.threadId);
    expect(view.thread.url).toBe('https://forum.example/t/x/42');
    const [p1, p2, p3] = view.posts;
    expect(p1).toMatchObject({
      author: 'user1',
      postedAt: '2025-09-21T10:00:00.000Z',
      parentId: null,
      permalink: 'https://forum.example/t/x/42/1',
    });
    expect(p2!.parentId).toBe(p1!.id);
    expect(p2!.passages[0]!.respondsTo).toEqual([
      { passageId: p1!.passages[0]!.id, start: 0, end: CLAIM.length, kind: 'quote' },
    ]);
    expect(p3).toMatchObject({ deleted: true, missingReplies: 4, passages: [], parentId: p2!.id });
  });

  it('links a reply to its parent when a later import brings the parent', async () => {
    const [first] = await importEvents('page2.json', [
      thread,
      post('5', '4', ['A reply to a post on an earlier page of the topic.']),
    ]);
    expect(threadView(stores, first!.threadId).posts[0]!.parentId).toBeNull();
    await importEvents('page1.json', [
      thread,
      post('4', null, ['The post on the earlier page that the reply answers.']),
    ]);
    const view = threadView(stores, first!.threadId);
    const parent = view.posts.find((p) => p.author === 'user4')!;
    expect(view.posts.find((p) => p.author === 'user5')!.parentId).toBe(parent.id);
  });

  it('gives words quoted from a post not yet imported back to that post when it arrives', async () => {
    const [s] = await importEvents('later.json', [
      thread,
      post('2', '1', [], {
        blocks: [
          { kind: 'quote', text: CLAIM, fromPostKey: '1' },
          { kind: 'paragraph', text: ANSWER },
        ],
      }),
    ]);
    expect(s!.passages).toBe(2);
    await importEvents('earlier.json', [thread, post('1', null, [CLAIM])]);
    const view = threadView(stores, s!.threadId);
    const p1 = view.posts.find((p) => p.author === 'user1')!;
    const p2 = view.posts.find((p) => p.author === 'user2')!;
    expect(p1.passages.map((p) => p.text)).toEqual([CLAIM]);
    expect(p2.passages.map((p) => p.text)).toEqual([ANSWER]);
    expect(p2.passages[0]!.respondsTo[0]!.passageId).toBe(p1.passages[0]!.id);
  });

  it('adds nothing when the same export is imported again, and records an edit as new text', async () => {
    const events = [thread, post('1', null, [CLAIM, 'A second paragraph that stays the same after the edit.'])];
    await importEvents('v1.json', events);
    const before = libraryChecksum(stores.db);
    const [again] = await importEvents('v1-copy.json', events);
    expect(again!.newPassages).toBe(0);
    expect(libraryChecksum(stores.db)).toBe(before);

    const [edited] = await importEvents('v2.json', [
      thread,
      post('1', null, [
        'An edited first paragraph, rewritten by its author.',
        'A second paragraph that stays the same after the edit.',
      ]),
    ]);
    expect(edited!.newPassages).toBe(1);
    const view = threadView(stores, edited!.threadId);
    expect(view.posts[0]!.passages.map((p) => p.text)).toEqual([
      'A second paragraph that stays the same after the edit.',
      'An edited first paragraph, rewritten by its author.',
    ]);
    // The replaced text stays in the library for whatever cites it.
    expect(stores.db.prepare('SELECT count(*) AS n FROM passages WHERE superseded_at IS NOT NULL').get()).toEqual({
      n: 1,
    });
  });

  it('replaces a stand-in title once an import knows the real one, and never the other way', async () => {
    const standIn = { kind: 'thread', thread: { ...thread.thread, title: 'Topic 42', provisionalTitle: true } };
    const [first] = await importEvents('posts-page.json', [standIn, post('3', null, [ANSWER])]);
    expect(first!.title).toBe('Topic 42');
    await importEvents('topic.json', [thread, post('1', null, [CLAIM])]);
    await importEvents('posts-page-2.json', [
      standIn,
      post('4', null, ['Yet another post of the topic, from a later page.']),
    ]);
    expect(stores.threads.byId(first!.threadId)!.title).toBe('Inner optimizers');
  });

  it('refuses input of the wrong shape with the parser’s reason, naming the file, writing nothing', async () => {
    const before = libraryChecksum(stores.db);
    await expect(importEvents('wrong.json', { broken: true })).rejects.toThrow(
      /wrong\.json: not a topic: no posts in it/,
    );
    await expect(importEvents('nothing.json', [])).rejects.toThrow(/nothing\.json: no discourse thread found in it/);
    expect(libraryChecksum(stores.db)).toBe(before);
  });
});
