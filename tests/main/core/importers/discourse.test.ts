import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDiscourseParser, discourseParser } from '../../../../src/main/core/importers/discourse';
import type {
  ParseInput,
  SourceBlock,
  SourceEvent,
  SourcePost,
  SourceThread,
} from '../../../../src/main/core/importers/source-thread';

const FIXTURES = path.join(__dirname, '../../../fixtures/discourse');
const CF = 'discuss.criticalfallibilism.com';

function fixture(name: string): string {
  return readFileSync(path.join(FIXTURES, name), 'utf8');
}

function input(text: string, file = 'topic.json'): ParseInput {
  return {
    file,
    text: async () => text,
    chunks: async function* () {
      yield text;
    },
  };
}

async function events(text: string, parser = discourseParser): Promise<SourceEvent[]> {
  const out: SourceEvent[] = [];
  for await (const event of parser.parse(input(text))) out.push(event);
  return out;
}

interface ParsedThread {
  thread: SourceThread;
  posts: SourcePost[];
  warnings: string[];
}

async function threads(text: string, parser = discourseParser): Promise<ParsedThread[]> {
  const out: ParsedThread[] = [];
  const loose: string[] = [];
  for (const event of await events(text, parser)) {
    if (event.kind === 'thread') out.push({ thread: event.thread, posts: [], warnings: [] });
    else if (event.kind === 'post') out.at(-1)!.posts.push(event.post);
    else (out.at(-1)?.warnings ?? loose).push(event.message);
  }
  return out;
}

async function onlyThread(text: string, parser = discourseParser): Promise<ParsedThread> {
  const all = await threads(text, parser);
  expect(all).toHaveLength(1);
  return all[0]!;
}

function post(thread: ParsedThread, key: string): SourcePost {
  const found = thread.posts.find((p) => p.key === key);
  if (!found) throw new Error(`no post ${key}`);
  return found;
}

function quotes(p: SourcePost): Extract<SourceBlock, { kind: 'quote' }>[] {
  return p.blocks.filter((b): b is Extract<SourceBlock, { kind: 'quote' }> => b.kind === 'quote');
}

/** Distinct "author@post" sources of a post's attributed quotes, in order. */
function quoteSources(p: SourcePost): string[] {
  const sources = quotes(p)
    .filter((q) => q.fromAuthor)
    .map((q) => `${q.fromAuthor}@${q.fromPostKey ?? '-'}`);
  return [...new Set(sources)];
}

function allText(p: SourcePost): string {
  return p.blocks.map((b) => b.text).join('\n');
}

function topicJson(posts: object[], extra: object = {}): string {
  return JSON.stringify({ id: 99, title: 'Synthetic', slug: 'synthetic', post_stream: { posts }, ...extra });
}

function jsonPost(fields: object): object {
  return {
    username: 'alice',
    created_at: '2024-05-01T10:00:00.000Z',
    post_type: 1,
    topic_id: 99,
    reply_to_post_number: null,
    ...fields,
  };
}

describe('Discourse topic JSON', () => {
  it('reads the 2013 sandbox topic: skips the pinned notice, converts -05:00 times to UTC, keeps the reply', async () => {
    const t = await onlyThread(fixture('try-discourse-topic57-sandbox.json'));
    expect(t.thread).toEqual({
      identity: 'discourse:57',
      title: 'THIS SITE IS A SANDBOX -- it is reset every day',
      provisionalTitle: false,
      url: null,
      format: 'discourse',
    });
    // Post 2 is post_type 2, "This topic is now pinned.": a moderator notice, not something a person wrote.
    expect(t.posts.map((p) => p.key)).toEqual(['1', '3', '14']);
    expect(t.posts.map((p) => p.author)).toEqual(['samsaffron', 'stienman', 'splattne']);
    expect(t.posts.map((p) => p.postedAt)).toEqual([
      '2013-02-04T20:26:26.278Z',
      '2013-02-04T20:29:00.843Z',
      '2013-02-05T17:14:17.364Z',
    ]);
    expect(post(t, '14').parentKey).toBe('1');
    expect(post(t, '1').parentKey).toBeNull();
    // Gravatar avatars and no absolute links: the file never names its site.
    expect(t.posts.every((p) => p.permalink === null)).toBe(true);
    expect(allText(post(t, '14'))).toContain('What? So I have to post this every day?');
    expect(allText(post(t, '1'))).not.toContain('This topic is now pinned');
    expect(t.warnings).toEqual([]);
  });

  it('uses a host hint for a file that names no site, giving identity and permalinks', async () => {
    const parser = createDiscourseParser({ host: 'try.discourse.org' });
    const t = await onlyThread(fixture('try-discourse-topic57-sandbox.json'), parser);
    expect(t.thread.identity).toBe('discourse:try.discourse.org:57');
    expect(t.thread.url).toBe('https://try.discourse.org/t/this-site-is-a-sandbox-it-is-reset-every-day/57');
    expect(post(t, '14').permalink).toBe(
      'https://try.discourse.org/t/this-site-is-a-sandbox-it-is-reset-every-day/57/14',
    );
  });

  it('reads a topic page loaded at post 452: host from avatars, parents outside the page, a partial-topic warning', async () => {
    const t = await onlyThread(fixture('cf-t2108-topic-at-post452.json'));
    expect(t.thread.identity).toBe(`discourse:${CF}:2108`);
    expect(t.thread.title).toBe("Comments on The Boyfriend's Introduction to Feminism");
    expect(t.thread.url).toBe(`https://${CF}/t/comments-on-the-boyfriends-introduction-to-feminism/2108`);
    expect(t.posts.map((p) => Number(p.key))).toEqual(Array.from({ length: 20 }, (_, i) => 433 + i));
    expect(post(t, '433').parentKey).toBe('428');
    expect(post(t, '443').parentKey).toBe('149');
    expect(post(t, '435').parentKey).toBeNull();
    expect(t.posts.filter((p) => p.parentKey !== null)).toHaveLength(17);
    expect(post(t, '452').permalink).toBe(
      `https://${CF}/t/comments-on-the-boyfriends-introduction-to-feminism/2108/452`,
    );
    expect(post(t, '452').postedAt).toBe('2026-01-19T00:47:25.767Z');
    expect(new Set(t.posts.map((p) => p.author))).toEqual(
      new Set(['ActiveMind', 'Jarrod', 'Elliot', 'Dface', 'anonymous105', 'anonymous45', 'anonymous117']),
    );
    expect(t.warnings).toEqual([expect.stringContaining("holds 20 of the topic's 446 posts (#433–#452)")]);
    expect(quotes(post(t, '433'))[0]).toMatchObject({ fromAuthor: 'Eternity', fromPostKey: '428' });
    expect(quoteSources(post(t, '443'))).toEqual(['anonymous45@149']);
  });

  it('reduces link previews to their title and address, and TikTok embeds to their caption', async () => {
    const t = await onlyThread(fixture('cf-t2108-topic-at-post452.json'));
    const texts = t.posts.flatMap((p) => p.blocks.map((b) => b.text));
    expect(texts).toContain('TikTok - Make Your Day (https://www.tiktok.com/@whytematthew/photo/7580810274135903510)');
    expect(texts).toContain(
      '[video: #russianwoman #russia #russian #russiatoday] (https://www.tiktok.com/@ollanicko/video/7583988830068313366)',
    );
    expect(texts).toContain(
      'Sexual Orientation Disparities in Pregnancy Risk Behaviors and Pregnancy... (https://pmc.ncbi.nlm.nih.gov/articles/PMC6797072/)',
    );
    // The preview's excerpt is the linked site's text, not the poster's.
    expect(texts.some((x) => x.includes('Purpose: The purpose of this study'))).toBe(false);
    // A onebox is not a quotation.
    expect(t.posts.flatMap(quotes).some((q) => q.text.includes('tiktok.com'))).toBe(false);
  });

  it('reads a posts.json page: no title (made from the slug, with a warning), quotes with their sources', async () => {
    const t = await onlyThread(fixture('cf-t2108-posts-page1.json'));
    expect(t.thread.identity).toBe(`discourse:${CF}:2108`);
    expect(t.thread.title).toBe('Comments on the boyfriends introduction to feminism');
    expect(t.warnings).toEqual([
      expect.stringContaining("does not give the topic's title"),
      expect.stringContaining("holds 20 of the topic's 446 posts (#1–#20)"),
    ]);
    expect(t.posts.map((p) => p.key)).toEqual(Array.from({ length: 20 }, (_, i) => String(i + 1)));
    expect(t.posts.filter((p) => p.parentKey !== null)).toHaveLength(14);
    const quoting = t.posts.filter((p) => quoteSources(p).length > 0).map((p) => Number(p.key));
    expect(quoting).toEqual([3, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(quoteSources(post(t, '13'))).toEqual(['anonymous45@11', 'anonymous45@3']);
    expect(quoteSources(post(t, '19'))).toEqual(['anonymous45@10', 'anonymous45@12']);
  });

  it('keeps the author of a quote from another topic but not its post number', async () => {
    const t = await onlyThread(fixture('cf-t2108-posts-page1.json'));
    // Post 20 quotes post 5 of this topic, then post 1 of topic 2081 (no username: its title is the topic's).
    expect(quoteSources(post(t, '20'))).toEqual(['Elliot@5']);
    const other = quotes(post(t, '20')).find((q) => q.text.includes('companion discussion topic'));
    expect(other).toBeDefined();
    expect(other!.fromPostKey).toBeUndefined();
    expect(other!.fromAuthor).toBeUndefined();
  });

  it('counts replies the file leaves out', async () => {
    const t = await onlyThread(fixture('cf-t2108-posts-page1.json'));
    // Post 4 has reply_count 7; only 6 and 7 of this page reply to it.
    expect(post(t, '4').missingReplies).toBe(5);
    // Post 11 has reply_count 2, both here (13 and 16).
    expect(post(t, '11').missingReplies).toBeUndefined();
    // The first post's reply_count counts replies that name no parent: never guessed.
    expect(post(t, '1').missingReplies).toBeUndefined();
  });

  it('puts a page served newest first back in reading order, and pages merge by identity', async () => {
    const raw = JSON.parse(fixture('cf-t2108-posts-pn41-desc.json')) as {
      post_stream: { posts: { post_number: number }[] };
    };
    expect(raw.post_stream.posts[0]!.post_number).toBe(40);
    const later = await onlyThread(fixture('cf-t2108-posts-pn41-desc.json'));
    expect(later.posts.map((p) => Number(p.key))).toEqual(Array.from({ length: 20 }, (_, i) => 21 + i));
    expect(later.posts.every((p) => p.parentKey !== null)).toBe(true);
    const first = await onlyThread(fixture('cf-t2108-posts-page1.json'));
    const topic = await onlyThread(fixture('cf-t2108-topic-at-post452.json'));
    expect(new Set([first, later, topic].map((t) => t.thread.identity)).size).toBe(1);
  });

  it('reads the KPop topic page with its missing post 7', async () => {
    const t = await onlyThread(fixture('cf-t2144-posts-page1.json'));
    expect(t.thread.identity).toBe(`discourse:${CF}:2144`);
    expect(t.thread.title).toBe('Kpop demon hunters');
    expect(t.posts).toHaveLength(20);
    expect(t.posts.map((p) => p.key)).not.toContain('7');
    expect(t.posts.at(-1)!.key).toBe('21');
    expect(t.posts.filter((p) => p.parentKey !== null)).toHaveLength(11);
    expect(t.posts.filter((p) => quoteSources(p).length > 0)).toHaveLength(15);
    expect(quoteSources(post(t, '19'))).toEqual(['Elliot@18', 'Apricus@4']);
    expect(quoteSources(post(t, '2'))).toEqual(['Elliot@1']);
  });

  it('gives each passage of a nested quote its own source', async () => {
    const t = await onlyThread(fixture('cf-t2144-posts-page1.json'));
    // Post 14 quotes Eternity's post 13, which itself opens with a quote of post 3.
    expect(post(t, '14').blocks.slice(0, 3)).toEqual([
      { kind: 'quote', text: 'LoLE dynamics', fromAuthor: 'anonymous45', fromPostKey: '3' },
      { kind: 'quote', text: 'What’s that? I tried googling it. Sadge.', fromAuthor: 'Eternity', fromPostKey: '13' },
      { kind: 'paragraph', text: expect.stringMatching(/^Law of Least Effort\./) },
    ]);
  });

  it('splits /posts.json into one thread per topic, posts in reading order, quotes from cooked', async () => {
    const all = await threads(fixture('cf-latest-posts.json'));
    expect(all).toHaveLength(11);
    expect(all.reduce((n, t) => n + t.posts.length, 0)).toBe(50);
    const kpop = all.find((t) => t.thread.identity === `discourse:${CF}:2144`)!;
    expect(kpop.thread.title).toBe('KPop Demon Hunters');
    expect(kpop.posts.map((p) => Number(p.key))).toEqual(Array.from({ length: 20 }, (_, i) => 12 + i));
    expect(post(kpop, '31')).toMatchObject({
      author: 'ActiveMind',
      parentKey: '28',
      postedAt: '2026-01-21T22:40:40.329Z',
    });
    expect(quoteSources(post(kpop, '31'))).toEqual(['anonymous105@28', 'anonymous105@26']);
    const archiver = all.find((t) => t.thread.identity === `discourse:${CF}:2147`)!;
    expect(archiver.thread.title).toBe('CF Archiver webapp/bot (for linked material -- reddit, tiktok, etc)');
    expect(archiver.posts.map((p) => p.key)).toEqual(['1', '2', '3']);
    const policing = all.find((t) => t.thread.identity === `discourse:${CF}:1491`)!;
    // Post 189 quotes post 193 of topic 1714: the author stays, the post number does not.
    expect(quoteSources(post(policing, '189'))).toContain('Elliot@-');
  });
});

describe('Discourse JSON details', () => {
  it('marks deleted and withdrawn posts, without passages, and skips small-action notices', async () => {
    const t = await onlyThread(
      topicJson([
        jsonPost({ post_number: 1, cooked: '<p>Opening argument with enough words.</p>' }),
        jsonPost({ post_number: 2, cooked: '<p>gone</p>', deleted_at: '2024-05-02T00:00:00Z' }),
        jsonPost({ post_number: 3, cooked: '<p>(post deleted by author)</p>', user_deleted: true }),
        jsonPost({
          post_number: 4,
          cooked: '<p>(post withdrawn by author, will be automatically deleted in 24 hours unless flagged)</p>',
        }),
        jsonPost({ post_number: 5, post_type: 3, action_code: 'closed.enabled', cooked: '' }),
        jsonPost({ post_number: 6, reply_to_post_number: 2, cooked: '<p>Answering a deleted post.</p>' }),
      ]),
    );
    expect(t.posts.map((p) => p.key)).toEqual(['1', '2', '3', '4', '6']);
    for (const key of ['2', '3', '4']) expect(post(t, key)).toMatchObject({ deleted: true, blocks: [] });
    expect(post(t, '1').deleted).toBeUndefined();
    expect(post(t, '6').parentKey).toBe('2');
  });

  it('reads raw Markdown when there is no cooked HTML: [quote] with its source, > lines, code kept whole', async () => {
    const raw = [
      '[quote="bob, post:3, topic:99"]',
      'Taxes fund the roads everyone drives on.',
      '[/quote]',
      '',
      'Not all of them.',
      '',
      '[quote="carol, post:8, topic:12, full:true"]',
      'A quote of another topic.',
      '[/quote]',
      '',
      '> an unattributed quote',
      '',
      '```',
      'code line one',
      '',
      'code line two',
      '```',
    ].join('\n');
    const t = await onlyThread(topicJson([jsonPost({ post_number: 4, raw })]));
    expect(post(t, '4').blocks).toEqual([
      { kind: 'quote', text: 'Taxes fund the roads everyone drives on.', fromAuthor: 'bob', fromPostKey: '3' },
      { kind: 'paragraph', text: 'Not all of them.' },
      { kind: 'quote', text: 'A quote of another topic.', fromAuthor: 'carol' },
      { kind: 'quote', text: 'an unattributed quote' },
      { kind: 'paragraph', text: 'code line one\n\ncode line two' },
    ]);
  });

  it('credits nested raw quotes to their innermost source', async () => {
    const raw =
      '[quote="eve, post:13, topic:99"]\n[quote="dan, post:3, topic:99"]\nLoLE dynamics\n[/quote]\nWhat is that?\n[/quote]\n\nAn answer.';
    const t = await onlyThread(topicJson([jsonPost({ post_number: 14, raw })]));
    expect(post(t, '14').blocks).toEqual([
      { kind: 'quote', text: 'LoLE dynamics', fromAuthor: 'dan', fromPostKey: '3' },
      { kind: 'quote', text: 'What is that?', fromAuthor: 'eve', fromPostKey: '13' },
      { kind: 'paragraph', text: 'An answer.' },
    ]);
  });

  it('prefers cooked over raw when both are present', async () => {
    const t = await onlyThread(
      topicJson([jsonPost({ post_number: 1, raw: 'raw **text**', cooked: '<p>cooked <strong>text</strong></p>' })]),
    );
    expect(post(t, '1').blocks).toEqual([{ kind: 'paragraph', text: 'cooked text' }]);
  });

  it('takes a quote author from the title bar of 2016-era quotes that have no data-username', async () => {
    const cooked =
      '<aside class="quote" data-post="3" data-topic="99"><div class="title">\n<div class="quote-controls"></div>\n' +
      '<img alt="" width="20" height="20" src="/letter_avatar_proxy/v2/letter/n/e95f7d/40.png" class="avatar">someone_else:</div>\n' +
      '<blockquote><p>Is there a shortcut for this?</p></blockquote></aside>\n<p>Not yet.</p>';
    const t = await onlyThread(topicJson([jsonPost({ post_number: 4, reply_to_post_number: 3, cooked })]));
    expect(post(t, '4').blocks).toEqual([
      { kind: 'quote', text: 'Is there a shortcut for this?', fromAuthor: 'someone_else', fromPostKey: '3' },
      { kind: 'paragraph', text: 'Not yet.' },
    ]);
  });

  it('decodes fancy_title when there is no plain title', async () => {
    const t = await onlyThread(
      JSON.stringify({
        id: 7,
        fancy_title: 'Boyfriend&rsquo;s &ldquo;Intro&rdquo; &ndash; part 2',
        post_stream: { posts: [jsonPost({ post_number: 1, topic_id: 7, cooked: '<p>x</p>' })] },
      }),
    );
    expect(t.thread.title).toBe('Boyfriend’s “Intro” – part 2');
    expect(t.thread.identity).toBe('discourse:7');
  });
});

describe('Discourse topic RSS', () => {
  it('reverses the feed to reading order, numbers posts from their links, drops "Read full topic"', async () => {
    const t = await onlyThread(fixture('cf-t2144-topic.rss'));
    expect(t.thread).toEqual({
      identity: `discourse:${CF}:2144`,
      title: 'KPop Demon Hunters',
      provisionalTitle: false,
      url: `https://${CF}/t/kpop-demon-hunters/2144`,
      format: 'discourse',
    });
    expect(t.posts.map((p) => Number(p.key))).toEqual([6, ...Array.from({ length: 24 }, (_, i) => 8 + i)]);
    expect(t.posts[0]).toMatchObject({ author: 'Elliot', postedAt: '2026-01-11T05:49:30.000Z' });
    expect(post(t, '31')).toMatchObject({
      author: 'ActiveMind',
      postedAt: '2026-01-21T22:40:40.000Z',
      permalink: `https://${CF}/t/kpop-demon-hunters/2144/31`,
      parentKey: null,
    });
    expect(t.posts.every((p) => !allText(p).includes('Read full topic'))).toBe(true);
    expect(quoteSources(post(t, '31'))).toEqual(['anonymous105@28', 'anonymous105@26']);
    // Post 23 quotes Eternity's post 15, which nests a quote of Apricus's post 4, then quotes post 22.
    expect(quoteSources(post(t, '23'))).toEqual(['Apricus@4', 'Eternity@15', 'Elliot@22']);
    expect(t.warnings).toEqual([expect.stringContaining('does not say which post each post replies to')]);
  });

  it('gives the same identity and post keys as the topic JSON', async () => {
    const feed = await onlyThread(fixture('cf-t2144-topic.rss'));
    const page = await onlyThread(fixture('cf-t2144-posts-page1.json'));
    expect(feed.thread.identity).toBe(page.thread.identity);
    for (const key of ['8', '13', '21']) {
      expect(allText(post(feed, key))).toBe(allText(post(page, key)));
      expect(post(feed, key).permalink).toBe(post(page, key).permalink);
    }
  });
});

describe('Discourse saved topic page', () => {
  it('reads the crawler view in <noscript>, not the corrupted preloaded JSON', async () => {
    const t = await onlyThread(fixture('meta-discourse-topic12483-octoverse.html'));
    expect(t.thread).toEqual({
      identity: 'discourse:meta.discourse.org:12483',
      title: 'Congratulations, most stars in 2013 GitHub Octoverse!',
      url: 'https://meta.discourse.org/t/congratulations-most-stars-in-2013-github-octoverse/12483',
      format: 'discourse',
    });
    expect(t.posts.map((p) => [p.key, p.author, p.postedAt])).toEqual([
      ['1', 'techAPJ', '2014-02-06T04:55:19.000Z'],
      ['2', 'codinghorror', '2014-02-06T05:27:06.000Z'],
    ]);
    expect(post(t, '2').permalink).toBe(
      'https://meta.discourse.org/t/congratulations-most-stars-in-2013-github-octoverse/12483/2',
    );
    expect(post(t, '1').blocks).toEqual([
      {
        kind: 'paragraph',
        text: 'Congratulations Discourse for qualifying Repositories with the most stars on GitHub Octoverse (http://octoverse.github.com/).',
      },
      { kind: 'paragraph', text: '[image: github_octoverse.png]' },
      { kind: 'paragraph', text: 'And that too in just over an year, way to go! :boom:' },
    ]);
    expect(allText(post(t, '2'))).toMatch(/^Ah, cool\. I was not sure/);
  });

  it('reads the Discourse 3 crawler markup: id="post_N", itemprop="text", a next-page link', async () => {
    const page = `<html><head><link rel="canonical" href="https://forum.example.org/t/a-topic/42?page=2"></head><body>
      <div id="main-outlet"><h1 class="crawler-topic-title">A topic</h1>
      <div id='post_21' itemprop='comment' class='topic-body crawler-post'>
        <div class='crawler-post-meta'><span class="creator" itemprop="author"><a href='/u/zed'><span itemprop='name'>zed</span></a></span>
        <span class="crawler-post-infos"><time datetime='2026-03-01T10:00:00Z' class='post-time'>March 1</time><span itemprop='position'>21</span></span></div>
        <div class='post' itemprop='text'><p>Twenty-first post.</p></div>
      </div>
      <div role='navigation' class="topic-body crawler-post"><a rel="next" href="/t/a-topic/42?page=3">next page</a></div>
      </div></body></html>`;
    const t = await onlyThread(page);
    expect(t.thread.identity).toBe('discourse:forum.example.org:42');
    expect(t.thread.title).toBe('A topic');
    expect(t.posts).toEqual([
      {
        key: '21',
        parentKey: null,
        author: 'zed',
        postedAt: '2026-03-01T10:00:00.000Z',
        permalink: 'https://forum.example.org/t/a-topic/42/21',
        blocks: [{ kind: 'paragraph', text: 'Twenty-first post.' }],
      },
    ]);
    expect(t.warnings).toEqual([expect.stringContaining('shows part of the topic')]);
  });
});

describe('Discourse sniffing', () => {
  it('recognises every saved shape', () => {
    for (const name of [
      'try-discourse-topic57-sandbox.json',
      'cf-t2108-topic-at-post452.json',
      'cf-t2108-posts-page1.json',
      'cf-latest-posts.json',
      'cf-t2144-topic.rss',
      'meta-discourse-topic12483-octoverse.html',
    ]) {
      expect(discourseParser.sniff(name, fixture(name).slice(0, 65536)), name).toBe(true);
    }
  });

  it('leaves other formats alone', () => {
    expect(discourseParser.sniff('r.json', '[{"kind": "Listing", "data": {"children": []}}]')).toBe(false);
    expect(discourseParser.sniff('hn.json', '{"id": 1, "kids": [2, 3], "type": "story"}')).toBe(false);
    expect(discourseParser.sniff('p.html', '<html><head><title>Blog</title></head><body><p>Hi</p></body></html>')).toBe(
      false,
    );
    expect(
      discourseParser.sniff(
        'f.rss',
        '<rss version="2.0"><channel><item><link>https://blog.example/a</link></item></channel></rss>',
      ),
    ).toBe(false);
    expect(discourseParser.sniff('n.md', '# Notes\n\n> a quote\n')).toBe(false);
  });
});

describe('Discourse bad input', () => {
  const fails = (text: string) => events(text);

  it('truncated JSON', async () => {
    const cut = fixture('cf-t2108-posts-page1.json').slice(0, 5000);
    await expect(fails(cut)).rejects.toThrow(/not a Discourse topic: the JSON is cut short or malformed/);
  });

  it('JSON of another shape', async () => {
    await expect(fails('{"kind": "Listing", "data": {"children": []}}')).rejects.toThrow(
      'not a Discourse topic: no post_stream.posts or latest_posts in this JSON',
    );
    await expect(fails('[1, 2, 3]')).rejects.toThrow(/not a Discourse topic/);
    await expect(fails('{"post_stream": {"posts": [{"post_number": 1}]}}')).rejects.toThrow(
      'not a Discourse topic: it names no topic id',
    );
  });

  it('HTML that is not a topic page', async () => {
    await expect(fails('<html><body><p>Just a blog post.</p></body></html>')).rejects.toThrow(
      'not a Discourse topic page: it has no posts in its crawler view',
    );
    const noAddress = `<div class="topic-body crawler-post"><div class="post" itemprop="articleBody"><p>x</p></div><span itemprop="position">#1</span></div>`;
    await expect(fails(noAddress)).rejects.toThrow(/names no topic address/);
  });

  it('RSS that is not a Discourse feed', async () => {
    await expect(
      fails(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Blog</title><item><link>https://blog.example/a</link></item></channel></rss>',
      ),
    ).rejects.toThrow('not a Discourse feed: no item links to a post');
    await expect(fails('<rss version="2.0"><channel><title>Empty</title></channel></rss>')).rejects.toThrow(
      /has no items/,
    );
  });

  it('binary junk', async () => {
    await expect(fails('\u0000\u0001PK\u0003\u0004\ufffd\ufffd')).rejects.toThrow(
      'not a Discourse topic: the file is neither JSON, an RSS feed nor a saved topic page',
    );
  });
});
