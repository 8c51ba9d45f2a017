import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { redditParser } from '../../../../src/main/core/importers/reddit';
import type { SourceEvent, SourcePost } from '../../../../src/main/core/importers/source-thread';
import { parseEvents, postsOf, threadsOf, warningsOf } from '../../../helpers/source-events';

const FIXTURES = path.join(__dirname, '../../../fixtures/reddit');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

const parse = (text: string, chunkSize?: number): Promise<SourceEvent[]> =>
  parseEvents(redditParser, text, { file: 'thread.json', chunkSize });

const byKey = (posts: SourcePost[], key: string): SourcePost => {
  const post = posts.find((p) => p.key === key);
  if (!post) throw new Error(`no post ${key}`);
  return post;
};

describe('Reddit thread JSON', () => {
  it('reads a complete thread: the submission first, then every comment in reading order', async () => {
    const events = await parse(fixture('r-python-2xmo63-rtv-terminal-viewer.json'));
    expect(events[0]).toEqual({
      kind: 'thread',
      thread: {
        identity: 'reddit:2xmo63',
        title: 'A python terminal viewer for browsing reddit',
        provisionalTitle: false,
        url: 'https://www.reddit.com/r/Python/comments/2xmo63/a_python_terminal_viewer_for_browsing_reddit/',
        format: 'reddit',
      },
    });
    const posts = postsOf(events);
    expect(posts).toHaveLength(46);
    expect(posts[0]).toEqual({
      key: 't3_2xmo63',
      parentKey: null,
      author: 'civilization_phaze_3',
      postedAt: '2015-03-02T03:02:42.000Z',
      permalink: 'https://www.reddit.com/r/Python/comments/2xmo63/a_python_terminal_viewer_for_browsing_reddit/',
      title: 'A python terminal viewer for browsing reddit',
      blocks: [
        {
          kind: 'paragraph',
          text: 'A python terminal viewer for browsing reddit (https://github.com/michael-lazar/rtv)',
        },
      ],
    });
    // Depth-first, as the page shows them: the first top-level comment, then its first reply.
    expect(posts.slice(1, 4).map((p) => p.key)).toEqual(['t1_cp1h67d', 't1_cp1k61m', 't1_cp1ry2g']);
    expect(posts[posts.length - 1]!.key).toBe('t1_cpxjgae');
    const first = posts[1]!;
    expect(first.parentKey).toBe('t3_2xmo63');
    expect(first.postedAt).toBe('2015-03-02T03:28:57.000Z');
    expect(first.permalink).toBe(
      'https://www.reddit.com/r/Python/comments/2xmo63/a_python_terminal_viewer_for_browsing_reddit/cp1h67d/',
    );
    expect(first.blocks[1]!.text).toContain('It works great for text and q&a based subreddits.');
    // Every reply comes after the post it answers.
    const seen = new Set<string>();
    for (const post of posts) {
      if (post.parentKey !== null) expect(seen).toContain(post.parentKey);
      seen.add(post.key);
    }
  });

  it('keeps a deleted comment in its place, without text or author, with its replies under it', async () => {
    const posts = postsOf(await parse(fixture('r-python-2xmo63-rtv-terminal-viewer.json')));
    const deleted = byKey(posts, 't1_cp1o4op');
    expect(deleted).toMatchObject({ deleted: true, author: null, parentKey: 't1_cp1h67d', blocks: [] });
    expect(deleted.postedAt).toBe('2015-03-02T08:37:35.000Z');
    const reply = byKey(posts, 't1_cp1o8ga');
    expect(reply.parentKey).toBe('t1_cp1o4op');
    expect(posts.indexOf(reply)).toBeGreaterThan(posts.indexOf(deleted));
    expect(posts.filter((p) => p.deleted)).toHaveLength(1);
    // An account deleted after writing: the comment's text stays, only the name is gone.
    const orphan = byKey(posts, 't1_cp1uehc');
    expect(orphan.author).toBeNull();
    expect(orphan.deleted).toBeUndefined();
    expect(orphan.blocks.length).toBeGreaterThan(0);
    expect(posts.filter((p) => p.author === null)).toHaveLength(2);
  });

  it('reads bodies as Markdown: `>` lines are quotations, indented code stays one passage', async () => {
    const posts = postsOf(await parse(fixture('r-python-2xmo63-rtv-terminal-viewer.json')));
    expect(byKey(posts, 't1_cp3vcjf').blocks).toEqual([
      {
        kind: 'paragraph',
        text: 'Sorry for the delay. I just got the project setup with PIP, so the easiest way to install is using that',
      },
      { kind: 'quote', text: 'sudo pip install --pre rtv' },
      { kind: 'paragraph', text: "It won't update automatically, but you can do that with a single line as well" },
      { kind: 'quote', text: 'sudo pip install --upgrade --pre rtv' },
      { kind: 'paragraph', text: 'Hope that helps!' },
    ]);
    const code = byKey(posts, 't1_cp1ov3c').blocks[1]!;
    expect(code.kind).toBe('paragraph');
    expect(
      code.text.startsWith('Traceback (most recent call last):\n  File "/usr/bin/rtv", line 9, in <module>\n'),
    ).toBe(true);
  });

  it('counts the replies behind "load more" and "continue this thread" stubs on their parent', async () => {
    const events = await parse(fixture('r-askreddit-2np694.json'));
    const posts = postsOf(events);
    expect(posts).toHaveLength(200);
    // A self post asked in its title alone: the title is its passage.
    expect(posts[0]).toMatchObject({
      key: 't3_2np694',
      author: 'DO_U_EVN_SPAGHETTI',
      postedAt: '2014-11-28T21:07:58.000Z',
      blocks: [{ kind: 'paragraph', text: 'What tasty food would be distusting if eaten over rice?' }],
      // The top-level stub: 4175 more comments, listed after every loaded one.
      missingReplies: 4175,
    });
    expect(byKey(posts, 't1_cmftz88').missingReplies).toBe(20);
    expect(byKey(posts, 't1_cmfli4t').missingReplies).toBe(16);
    // "Continue this thread" (count 0, id `_`): at least one deeper reply exists.
    expect(byKey(posts, 't1_cmfw61e').missingReplies).toBe(1);
    expect(posts.filter((p) => p.missingReplies).length).toBe(192);
    expect(posts.reduce((sum, p) => sum + (p.missingReplies ?? 0), 0)).toBe(8173);
    expect(posts.filter((p) => p.deleted).map((p) => p.key)).toEqual([
      't1_cmfsyte',
      't1_cmfsqqj',
      't1_cmfv4lg',
      't1_cmfx8jg',
      't1_cmftcny',
    ]);
    expect(posts.filter((p) => p.author === null)).toHaveLength(10);
    expect(warningsOf(events)).toEqual([]);
  });

  it('reads the archived AMA: self text, deleted comments keeping their replies, comment permalinks', async () => {
    const posts = postsOf(await parse(fixture('r-iama-z1c9z.json')));
    expect(posts).toHaveLength(198);
    const submission = posts[0]!;
    expect(submission).toMatchObject({ key: 't3_z1c9z', author: 'PresidentObama', missingReplies: 22040 });
    expect(submission.blocks[0]!.text.startsWith('Hi, I’m Barack Obama, President of the United States.')).toBe(true);
    const deleted = byKey(posts, 't1_c60msen');
    expect(deleted).toMatchObject({ deleted: true, author: null, blocks: [], parentKey: 't1_c60mpru' });
    for (const key of ['t1_c60pvch', 't1_c60olnn']) {
      expect(byKey(posts, key).parentKey).toBe('t1_c60msen');
      expect(posts.indexOf(byKey(posts, key))).toBeGreaterThan(posts.indexOf(deleted));
    }
    expect(posts.filter((p) => p.deleted)).toHaveLength(6);
    expect(posts.filter((p) => p.author === null)).toHaveLength(20);
    expect(byKey(posts, 't1_c60o0iw').permalink).toBe(
      'https://www.reddit.com/r/IAmA/comments/z1c9z/i_am_barack_obama_president_of_the_united_states/c60o0iw/',
    );
    // A comment collecting the questions and answers, each quoted, links written as text (url).
    const collection = byKey(posts, 't1_c60o0iw').blocks;
    expect(collection.slice(1, 4)).toEqual([
      {
        kind: 'paragraph',
        text: 'Question: Link (http://www.reddit.com/r/IAmA/comments/z1c9z/i_am_barack_obama_president_of_the_united_states/c60mnkw)',
      },
      expect.objectContaining({ kind: 'quote', text: expect.stringMatching(/^I am recent law school graduate\./) }),
      { kind: 'paragraph', text: 'Answer:' },
    ]);
    expect(posts.flatMap((p) => p.blocks).filter((b) => b.kind === 'quote')).toHaveLength(23);
  });

  it("reads a permalink's context view: only the ancestor chain, the reply quoting its parent", async () => {
    const posts = postsOf(await parse(fixture('r-python-91em1h-comment-context3.json')));
    expect(posts.map((p) => [p.key, p.parentKey, p.author])).toEqual([
      ['t3_91em1h', null, 'nchammas'],
      ['t1_e2xxj8h', 't3_91em1h', '13steinj'],
      ['t1_e2y4tlo', 't1_e2xxj8h', 'civilization_phaze_3'],
      ['t1_e2yut7z', 't1_e2y4tlo', '13steinj'],
    ]);
    const quoted = byKey(posts, 't1_e2xxj8h').blocks[1]!;
    expect(quoted).toEqual({
      kind: 'paragraph',
      text: "No, pickle is a set of protocols. And it's speed is arbitrarily dependent on the object it is serializing.",
    });
    const reply = byKey(posts, 't1_e2y4tlo').blocks;
    expect(reply[0]).toEqual({ kind: 'quote', text: quoted.text });
    // Backslash escapes are literal characters, not markup.
    expect(reply[1]!.text).toContain('optimize things like ``__reduce__()`` and provide');
  });

  it('reads a /api/morechildren response: flat comments, the thread named by link_id, its title unknown', async () => {
    const events = await parse(fixture('r-collegebasketball-31owr1-morechildren.json'));
    expect(threadsOf(events)).toEqual([
      {
        identity: 'reddit:31owr1',
        title: 'Reddit thread 31owr1',
        provisionalTitle: true,
        url: 'https://www.reddit.com/r/CollegeBasketball/comments/31owr1/',
        format: 'reddit',
      },
    ]);
    const warnings = warningsOf(events);
    expect(warnings[0]).toMatch(/title is not in this file/);
    // The one stub under the submission, which this response does not hold.
    expect(warnings[1]).toMatch(/^9769 more replies/);
    const posts = postsOf(events);
    expect(posts).toHaveLength(98);
    expect(posts.filter((p) => p.parentKey === 't3_31owr1')).toHaveLength(95);
    expect(posts.reduce((sum, p) => sum + (p.missingReplies ?? 0), 0)).toBe(98);
    expect(posts.filter((p) => p.deleted)).toHaveLength(2);
    expect(posts[0]!.permalink).toBe(
      `https://www.reddit.com/r/CollegeBasketball/comments/31owr1/_/${posts[0]!.key.slice(3)}/`,
    );
  });

  it('reads the game thread these more-children belong to under the same identity', async () => {
    const events = await parse(fixture('r-collegebasketball-31owr1-top.json'));
    const [thread] = threadsOf(events);
    expect(thread!.identity).toBe('reddit:31owr1');
    expect(thread!.title).toBe(
      '[Game Thread] NCAA National Championship: Wisconsin Badgers vs Duke Blue Devils (9:18 PM ET)',
    );
    const posts = postsOf(events);
    expect(posts).toHaveLength(199);
    expect(posts[0]!.missingReplies).toBe(9967);
    expect(posts.filter((p) => p.deleted).map((p) => p.key)).toEqual(['t1_cq3l97e', 't1_cq3qotl']);
    expect(posts.filter((p) => p.parentKey === 't1_cq3l97e').map((p) => p.key)).toEqual(['t1_cq3lag1', 't1_cq3lfqw']);
  });

  it('gives the same events however the text is cut into chunks', async () => {
    for (const name of ['r-python-2xmo63-rtv-terminal-viewer.json', 'r-collegebasketball-31owr1-morechildren.json']) {
      const text = fixture(name);
      const whole = await parse(text, text.length);
      expect(await parse(text, 7)).toEqual(whole);
    }
    // Emoji are two UTF-16 units: a cut between them must not garble them.
    const withEmoji = fixture('r-python-91em1h-comment-context3.json').replace(
      'Maybe I',
      'Maybe \ud83d\ude00\ud83d\ude00\ud83d\ude00 I',
    );
    for (const size of [1, 2, 3, 7])
      expect(await parse(withEmoji, size)).toEqual(await parse(withEmoji, withEmoji.length));
  });

  it('streams a large dump: posts come out while the file is still being read', async () => {
    const comments = 6_000;
    let pulled = 0;
    const chunks: string[] = [];
    function* dump(): Generator<string> {
      yield '[{"kind":"Listing","data":{"children":[{"kind":"t3","data":{"id":"big1","name":"t3_big1","title":"Big",';
      yield '"permalink":"/r/t/comments/big1/big/","created_utc":1600000000,"selftext":"x","is_self":true}}]}},';
      yield '{"kind":"Listing","data":{"children":[';
      for (let i = 0; i < comments; i++) {
        const reply = `{"kind":"Listing","data":{"children":[{"kind":"t1","data":{"name":"t1_r${i}","id":"r${i}","parent_id":"t1_c${i}","link_id":"t3_big1","author":"b","created_utc":1600000002,"body":"Reply ${i}","replies":""}}]}}`;
        yield `${i ? ',' : ''}{"kind":"t1","data":{"name":"t1_c${i}","id":"c${i}","parent_id":"t3_big1","link_id":"t3_big1","replies":${reply},"author":"a","created_utc":1600000001,"body":"Comment ${i} says &gt; hello"}}`;
      }
      yield ']}}]';
    }
    for (const chunk of dump()) chunks.push(chunk);
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
    for await (const event of redditParser.parse(input)) {
      if (event.kind !== 'post') continue;
      if (posts === 0) pulledAtFirstPost = pulled;
      posts++;
    }
    expect(posts).toBe(1 + 2 * comments);
    expect(pulledAtFirstPost).toBeGreaterThan(0);
    // Only the first thousand or so posts wait (for late "load more" counts); the rest flow through.
    expect(pulledAtFirstPost).toBeLessThan(chunks.length / 8);
  });

  it('marks a removed submission and a moderator-removed comment as deleted, keeping the thread', async () => {
    const listing = (children: unknown[]) => ({ kind: 'Listing', data: { children } });
    const text = JSON.stringify([
      listing([
        {
          kind: 't3',
          data: {
            id: 'abc',
            name: 't3_abc',
            title: 'Q &amp; A',
            selftext: '[removed]',
            author: '[deleted]',
            subreddit: 'x',
            created_utc: 1,
          },
        },
      ]),
      listing([
        {
          kind: 't1',
          data: {
            id: 'c1',
            name: 't1_c1',
            parent_id: 't3_abc',
            link_id: 't3_abc',
            author: 'mod_target',
            body: '[removed]',
            replies: '',
          },
        },
      ]),
    ]);
    const events = await parse(text);
    expect(threadsOf(events)[0]).toMatchObject({
      identity: 'reddit:abc',
      title: 'Q & A',
      url: 'https://www.reddit.com/r/x/comments/abc/',
    });
    expect(postsOf(events).map((p) => [p.key, p.deleted, p.author, p.blocks.length, p.permalink])).toEqual([
      ['t3_abc', true, null, 0, 'https://www.reddit.com/r/x/comments/abc/'],
      ['t1_c1', true, 'mod_target', 0, 'https://www.reddit.com/r/x/comments/abc/c1/'],
    ]);
    await expect(
      parse('[{"kind":"Listing","data":{"children":[{"kind":"t1","data":{"body":"no ids"}}]}}]'),
    ).rejects.toThrow(/^not a Reddit thread: a comment does not say which submission it belongs to/);
  });

  it('refuses input that is not a Reddit thread, saying why', async () => {
    const thread = fixture('r-python-91em1h-comment-context3.json');
    await expect(parse(thread.slice(0, thread.length / 2))).rejects.toThrow(
      /^not a Reddit thread: the JSON stops before it is complete/,
    );
    await expect(parse('{"post_stream":{"posts":[{"id":1,"cooked":"<p>hi</p>"}]}}')).rejects.toThrow(
      /^not a Reddit thread: no Reddit submission \(t3\) or comments \(t1\) found/,
    );
    await expect(parse(fixture('../hackernews/hn-algolia-items-17.json'))).rejects.toThrow(/^not a Reddit thread/);
    await expect(parse('<!DOCTYPE html><html><body><p>Hello</p></body></html>')).rejects.toThrow(
      /^not a Reddit thread: the file is not valid JSON/,
    );
    await expect(parse('\u0000\u0001PK\u0003\u0004\u00ff\u00fe')).rejects.toThrow(
      /^not a Reddit thread: the file is not valid JSON/,
    );
    await expect(parse('')).rejects.toThrow(/^not a Reddit thread: the file is empty/);
    await expect(parse(`${thread}\n{"more": 1}`)).rejects.toThrow(/^not a Reddit thread: .*(not valid JSON|more text)/);
  });

  it('recognises Reddit JSON by its opening text, and nothing else', () => {
    for (const name of [
      'r-python-2xmo63-rtv-terminal-viewer.json',
      'r-askreddit-2np694.json',
      'r-collegebasketball-31owr1-morechildren.json',
      'r-python-91em1h-comment-context3.json',
    ]) {
      expect(redditParser.sniff(name, fixture(name).slice(0, 64 * 1024))).toBe(true);
    }
    expect(redditParser.sniff('x.json', fixture('../hackernews/hn-algolia-items-17.json'))).toBe(false);
    expect(redditParser.sniff('x.json', '{"post_stream":{"posts":[]}}')).toBe(false);
    expect(redditParser.sniff('x.md', '# Title\n\nSome "kind": "t1" text about subreddit')).toBe(false);
  });
});
