import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hackerNewsParser } from '../../../../src/main/core/importers/hackernews';
import { hnTextToBlocks } from '../../../../src/main/core/importers/hackernews/hn-text';
import type { SourceEvent, SourcePost } from '../../../../src/main/core/importers/source-thread';
import { parseEvents, postsOf, threadsOf, warningsOf } from '../../../helpers/source-events';

const FIXTURES = path.join(__dirname, '../../../fixtures/hackernews');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');
const HNPWA = 'hn-25015967-biden-wins-hnpwa.json';
const ALGOLIA = 'hn-algolia-items-17.json';

const parse = (text: string, chunkSize?: number): Promise<SourceEvent[]> =>
  parseEvents(hackerNewsParser, text, { file: 'item.json', chunkSize });

let hnpwaEvents: Promise<SourceEvent[]> | undefined;
/** The big HNPWA thread, parsed once for the tests that only read it. */
const hnpwa = (): Promise<SourceEvent[]> => (hnpwaEvents ??= parse(fixture(HNPWA)));
const byKey = (posts: SourcePost[], key: string): SourcePost => {
  const post = posts.find((p) => p.key === key);
  if (!post) throw new Error(`no post ${key}`);
  return post;
};

/** The same JSON with every object's keys in alphabetical order, as Algolia's API now writes them. */
function alphabetical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(alphabetical);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1));
  return Object.fromEntries(entries.map(([k, v]) => [k, alphabetical(v)]));
}

describe('Hacker News text', () => {
  it('reads paragraphs separated by unclosed <p>, and ">" paragraphs as quotations', () => {
    expect(
      hnTextToBlocks('<p>&gt; they said this<p>I disagree &amp; here&#x27;s why<p><i>&gt;&gt; nested</i><p>a &gt; b'),
    ).toEqual([
      { kind: 'quote', text: 'they said this' },
      { kind: 'paragraph', text: "I disagree & here's why" },
      { kind: 'quote', text: 'nested' },
      { kind: 'paragraph', text: 'a > b' },
    ]);
  });
});

describe('Hacker News JSON', () => {
  it('reads an HNPWA thread: the story, then 2170 comments nested by level', async () => {
    const events = await hnpwa();
    expect(threadsOf(events)).toEqual([
      {
        identity: 'hn:25015967',
        title: 'Biden wins White House, vowing new direction for divided U.S.',
        provisionalTitle: false,
        url: 'https://news.ycombinator.com/item?id=25015967',
        format: 'hackernews',
      },
    ]);
    expect(events[0]!.kind).toBe('thread');
    const posts = postsOf(events);
    expect(posts).toHaveLength(2171);
    expect(posts[0]).toEqual({
      key: '25015967',
      parentKey: null,
      author: 'granzymes',
      postedAt: '2020-11-07T16:25:47.000Z',
      permalink: 'https://news.ycombinator.com/item?id=25015967',
      title: 'Biden wins White House, vowing new direction for divided U.S.',
      blocks: [
        {
          kind: 'paragraph',
          text: 'Biden wins White House, vowing new direction for divided U.S. (https://apnews.com/article/joe-biden-wins-white-house-ap-fd58df73aa677acb74fce2a69adb71f9)',
        },
      ],
    });
    expect(posts.slice(1, 5).map((p) => [p.key, p.author, p.parentKey])).toEqual([
      ['25017129', 'dang', '25015967'],
      ['25023021', 'dorkwood', '25015967'],
      ['25023351', 'pqhwan', '25023021'],
      ['25023556', 'neither_color', '25023351'],
    ]);
    expect(posts[posts.length - 1]!.key).toBe('25028072');
    expect(posts.filter((p) => p.parentKey === '25015967')).toHaveLength(237);
    // Level 3 is as deep as HNPWA nests: those comments keep the parent the nesting gives.
    expect(byKey(posts, '25025556').parentKey).toBe('25023556');
    expect(byKey(posts, '25017129').blocks[0]!.text).toMatch(/^All: before reading further, make sure you're up on/);
    expect(byKey(posts, '25017129').permalink).toBe('https://news.ycombinator.com/item?id=25017129');
    expect(warningsOf(events)).toEqual([]);
  });

  it('marks deleted comments, and keeps dead (flagged) ones with their text and replies', async () => {
    const posts = postsOf(await hnpwa());
    const deleted = posts.filter((p) => p.deleted);
    expect(deleted).toHaveLength(98);
    expect(deleted.every((p) => p.author === null && p.blocks.length === 0)).toBe(true);
    expect(byKey(posts, '25023955')).toMatchObject({
      deleted: true,
      parentKey: '25023906',
      postedAt: '2020-11-08T07:50:08.000Z',
    });
    const dead = byKey(posts, '25018873');
    expect(dead.deleted).toBeUndefined();
    expect(dead.author).toBe('arkis22');
    expect(dead.blocks.length).toBeGreaterThan(0);
    expect(posts.filter((p) => p.parentKey === '25018873')).toHaveLength(2);
  });

  it('reads ">" paragraphs as quotations: 318 of them in 267 comments', async () => {
    const posts = postsOf(await hnpwa());
    const quoting = posts.filter((p) => p.blocks.some((b) => b.kind === 'quote'));
    expect(quoting).toHaveLength(267);
    expect(posts.flatMap((p) => p.blocks).filter((b) => b.kind === 'quote')).toHaveLength(318);
    const reply = byKey(posts, '25024687');
    expect(reply.author).toBe('pmachinery');
    expect(reply.blocks[0]).toEqual({
      kind: 'quote',
      text: 'I’m just shocked at how many people today have grown into learned helplessness and think that the system is so bad and irreparable that they need to vandalize and protest in cities for months.',
    });
    expect(reply.blocks[1]!.kind).toBe('paragraph');
  });

  it("reads an Algolia item whose root is a comment: the thread is its story's, the title unknown", async () => {
    const events = await parse(fixture(ALGOLIA));
    expect(threadsOf(events)).toEqual([
      {
        identity: 'hn:1',
        title: 'Hacker News thread 1',
        provisionalTitle: true,
        url: 'https://news.ycombinator.com/item?id=1',
        format: 'hackernews',
      },
    ]);
    expect(warningsOf(events)).toHaveLength(1);
    expect(warningsOf(events)[0]).toMatch(/starts at a comment, not its story/);
    expect(postsOf(events)).toEqual([
      {
        key: '17',
        parentKey: '15',
        author: 'pg',
        postedAt: '2006-10-09T19:52:45.000Z',
        permalink: 'https://news.ycombinator.com/item?id=17',
        blocks: [{ kind: 'paragraph', text: 'Is there anywhere to eat on Sandhill Road?' }],
      },
      {
        key: '1079',
        parentKey: '17',
        author: 'dmon',
        postedAt: '2007-02-25T22:18:23.000Z',
        permalink: 'https://news.ycombinator.com/item?id=1079',
        blocks: [{ kind: 'paragraph', text: 'sure' }],
      },
      {
        key: '454426',
        parentKey: '17',
        author: 'Arrington',
        postedAt: '2009-01-28T20:32:27.000Z',
        permalink: 'https://news.ycombinator.com/item?id=454426',
        blocks: [{ kind: 'paragraph', text: "This is why we can't have nice things." }],
      },
    ]);
  });

  it('gives the same events when the root’s fields come after its replies (alphabetical keys)', async () => {
    for (const name of [ALGOLIA, HNPWA]) {
      const text = fixture(name);
      const sorted = JSON.stringify(alphabetical(JSON.parse(text)));
      expect(await parse(sorted)).toEqual(await parse(text));
    }
  });

  it('reads Firebase items, one or an array: replies listed by id but absent are missing', async () => {
    const story = {
      by: 'dhouston',
      descendants: 4,
      id: 8863,
      kids: [9224, 8917, 8952],
      score: 111,
      time: 1175714200,
      title: 'My YC app: Dropbox - Throw away your USB drive',
      type: 'story',
      url: 'http://www.getdropbox.com/u/2/screencast.html',
    };
    const single = await parse(JSON.stringify(story));
    expect(threadsOf(single)[0]!.identity).toBe('hn:8863');
    expect(postsOf(single)).toEqual([
      {
        key: '8863',
        parentKey: null,
        author: 'dhouston',
        postedAt: '2007-04-04T19:16:40.000Z',
        permalink: 'https://news.ycombinator.com/item?id=8863',
        title: 'My YC app: Dropbox - Throw away your USB drive',
        missingReplies: 3,
        blocks: [
          {
            kind: 'paragraph',
            text: 'My YC app: Dropbox - Throw away your USB drive (http://www.getdropbox.com/u/2/screencast.html)',
          },
        ],
      },
    ]);

    const items = [
      story,
      {
        by: 'BrandonM',
        id: 9224,
        kids: [9272],
        parent: 8863,
        text: '<p>&gt; you can already build such a system<p>Not for everyone.',
        time: 1175816820,
        type: 'comment',
      },
      { by: 'dhouston', id: 9272, parent: 9224, text: 'Fair point.', time: 1175820000, type: 'comment', dead: true },
      { deleted: true, id: 8917, parent: 8863, time: 1175730000, type: 'comment' },
    ];
    const array = postsOf(await parse(JSON.stringify(items)));
    expect(array.map((p) => [p.key, p.parentKey, p.author, p.deleted ?? false, p.missingReplies ?? 0])).toEqual([
      ['8863', null, 'dhouston', false, 1],
      ['9224', '8863', 'BrandonM', false, 0],
      ['9272', '9224', 'dhouston', false, 0],
      ['8917', '8863', null, true, 0],
    ]);
    expect(array[1]!.blocks).toEqual([
      { kind: 'quote', text: 'you can already build such a system' },
      { kind: 'paragraph', text: 'Not for everyone.' },
    ]);
    expect(array[2]!.blocks).toEqual([{ kind: 'paragraph', text: 'Fair point.' }]);
  });

  it('gives the same events however the text is cut into chunks', async () => {
    const text = fixture(HNPWA);
    expect(await parse(text, 7)).toEqual(await parse(text, text.length));
    expect(await parse(fixture(ALGOLIA), 3)).toEqual(await parse(fixture(ALGOLIA)));
  });

  it('streams a large dump: posts come out while the file is still being read', async () => {
    const comments = 6_000;
    const chunks = [
      '{"id":1,"title":"Big","user":"u","time":1600000000,"time_ago":"x","type":"link","url":"https://e.org","comments":[',
    ];
    for (let i = 0; i < comments; i++) {
      const reply = `{"id":${2 * i + 3},"level":1,"user":"b","time":1600000002,"time_ago":"x","content":"<p>&gt; quoted<p>reply","comments":[]}`;
      chunks.push(
        `${i ? ',' : ''}{"id":${2 * i + 2},"level":0,"user":"a","time":1600000001,"time_ago":"x","content":"<p>comment ${i}","comments":[${reply}]}`,
      );
    }
    chunks.push('],"comments_count":12000}');
    let pulled = 0;
    const input = {
      file: 'big.json',
      text: async () => chunks.join(''),
      async *chunks() {
        for (const chunk of chunks) {
          pulled++;
          yield chunk;
        }
      },
    };
    let posts = 0;
    let pulledAtFirstPost = -1;
    // Chunks read past the one that ends a top-level comment, when that comment comes out.
    let largestLag = 0;
    for await (const event of hackerNewsParser.parse(input)) {
      if (event.kind !== 'post') continue;
      if (posts === 0) pulledAtFirstPost = pulled;
      posts++;
      const comment = /^comment (\d+)$/.exec(event.post.blocks[0]?.text ?? '');
      if (comment) largestLag = Math.max(largestLag, pulled - (Number(comment[1]) + 2));
    }
    expect(posts).toBe(1 + 2 * comments);
    expect(pulledAtFirstPost).toBeGreaterThan(0);
    expect(pulledAtFirstPost).toBeLessThan(chunks.length / 8);
    // Nested replies are complete when read: nothing holds them back (a large dump's posts would otherwise
    // outlive the parsing thread's young generation).
    expect(largestLag).toBeLessThanOrEqual(1);
  });

  it('refuses input that is not a Hacker News thread, saying why', async () => {
    const text = fixture(ALGOLIA);
    await expect(parse(text.slice(0, 300))).rejects.toThrow(
      /^not a Hacker News thread: the JSON stops before it is complete/,
    );
    await expect(parse('{"id":5,"post_stream":{"posts":[{"id":1,"cooked":"<p>hi</p>"}]}}')).rejects.toThrow(
      /^not a Hacker News thread: no Hacker News story or comment items found/,
    );
    await expect(
      parse(readFileSync(path.join(FIXTURES, '../reddit/r-python-91em1h-comment-context3.json'), 'utf8')),
    ).rejects.toThrow(/^not a Hacker News thread: no Hacker News story or comment items found/);
    await expect(parse('<html><body><table class="comment-tree"></table></body></html>')).rejects.toThrow(
      /^not a Hacker News thread: the file is not valid JSON/,
    );
    await expect(parse('\u0000\u0001\u0002binary\u00ff')).rejects.toThrow(
      /^not a Hacker News thread: the file is not valid JSON/,
    );
    await expect(parse('   \n')).rejects.toThrow(/^not a Hacker News thread: the file is empty/);
  });

  it('recognises Hacker News JSON by its opening text, and nothing else', () => {
    expect(hackerNewsParser.sniff(HNPWA, fixture(HNPWA).slice(0, 64 * 1024))).toBe(true);
    expect(hackerNewsParser.sniff(ALGOLIA, fixture(ALGOLIA))).toBe(true);
    expect(
      hackerNewsParser.sniff(
        'item.json',
        '{"by":"pg","id":1,"kids":[15],"time":1160418111,"title":"Y Combinator","type":"story"}',
      ),
    ).toBe(true);
    const reddit = readFileSync(path.join(FIXTURES, '../reddit/r-askreddit-2np694.json'), 'utf8').slice(0, 64 * 1024);
    expect(hackerNewsParser.sniff('thread.json', reddit)).toBe(false);
    expect(hackerNewsParser.sniff('notes.md', 'He said "by": the "type": "story" of it all')).toBe(false);
  });
});
