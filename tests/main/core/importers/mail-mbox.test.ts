import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mboxParser } from '../../../../src/main/core/importers/mail';
import type { SourceEvent, SourcePost } from '../../../../src/main/core/importers/source-thread';
import { parseEvents, postsOf, threadsOf, warningsOf } from '../../../helpers/source-events';

const FIXTURES = path.join(__dirname, '../../../fixtures/mail/mbox');
const fixture = (name: string): string => readFileSync(path.join(FIXTURES, name), 'utf8');

const parse = (text: string, chunkSize?: number): Promise<SourceEvent[]> =>
  parseEvents(mboxParser, text, { file: 'archive.mbox', chunkSize });

/** Which thread each post was given: the last `thread` event before it. */
function threadOfEachPost(events: SourceEvent[]): Map<string, string> {
  const result = new Map<string, string>();
  let current = '';
  for (const e of events) {
    if (e.kind === 'thread') current = e.thread.identity;
    if (e.kind === 'post') result.set(e.post.key, current);
  }
  return result;
}
const texts = (post: SourcePost): string[] => post.blocks.map((b) => b.text);

describe('mbox: pipermail archive with obfuscated addresses and broken In-Reply-To ids', () => {
  const file = 'metrics-grimoire-pipermail-2015-11.mbox';

  it('finds the four messages of one thread, joined by subject where the anonymised ids match nothing', async () => {
    const events = await parse(fixture(file));
    const posts = postsOf(events);
    expect(posts.map((p) => p.key)).toEqual([
      'CACRHdMaObu7Dc0FWTWEesvRCzUNDG=7oA7KFqAgtOs_UKjb3Og@mail.gmail.com',
      '1447627429.3593.319.camel@example.com',
      'CACRHdMZaZtkM9h_=p_HH1Yz9pTJwh6nwU0PmeqQX=kemD8LCjw@example.com',
      'CACRHdMbPdoLoUCeKrA4Cm6Gya77JuEO0NUe_XJq5hUkznTzisA@example.com',
    ]);
    expect(threadsOf(events)).toEqual([
      {
        identity: 'mail:CACRHdMaObu7Dc0FWTWEesvRCzUNDG=7oA7KFqAgtOs_UKjb3Og@mail.gmail.com',
        title: '[Metrics-grimoire] Docker and MetricsGrimoire',
        url: null,
        format: 'mail',
      },
    ]);
    // The second message's In-Reply-To cites @example.com, the first message's id is @mail.gmail.com.
    expect(posts.map((p) => p.parentKey)).toEqual([
      null,
      'CACRHdMaObu7Dc0FWTWEesvRCzUNDG=7oA7KFqAgtOs_UKjb3Og@example.com',
      '1447627429.3593.319.camel@example.com',
      'CACRHdMZaZtkM9h_=p_HH1Yz9pTJwh6nwU0PmeqQX=kemD8LCjw@example.com',
    ]);
  });

  it('names authors from "user at host (Name)", dates in UTC, subjects as titles', async () => {
    const posts = postsOf(await parse(fixture(file)));
    expect(posts.map((p) => p.author)).toEqual([
      'Andy Grunwald',
      'Jesus M. Gonzalez-Barahona',
      'Andy Grunwald',
      'Andy Grunwald',
    ]);
    expect(posts.map((p) => p.postedAt)).toEqual([
      '2015-11-14T20:29:28.000Z',
      '2015-11-15T22:43:49.000Z',
      '2015-11-21T12:05:51.000Z',
      '2015-11-28T20:25:30.000Z',
    ]);
    expect(posts.every((p) => p.title === '[Metrics-grimoire] Docker and MetricsGrimoire')).toBe(true);
    expect(posts.every((p) => p.permalink === null)).toBe(true);
  });

  it('marks quoted paragraphs with the author the attribution line names, and drops that line', async () => {
    const [, jesus, andy] = postsOf(await parse(fixture(file)));
    expect(jesus!.blocks.slice(0, 4)).toEqual([
      { kind: 'paragraph', text: 'This is cool, Andy.' },
      { kind: 'paragraph', text: 'Which rights do you need?' },
      { kind: 'paragraph', text: 'Jesus' },
      { kind: 'quote', text: 'Hey,', fromAuthor: 'Andy Grunwald' },
    ]);
    expect(jesus!.blocks.filter((b) => b.kind === 'quote')).toHaveLength(5);
    expect(texts(jesus!).some((t) => /wrote:/.test(t))).toBe(false);
    // Gmail's "2015-11-15 23:43 GMT+01:00 Jesus … <jgb at example.com>:" and the quote nested inside it.
    const quotes = andy!.blocks.filter((b) => b.kind === 'quote');
    expect(quotes.map((q) => (q.kind === 'quote' ? q.fromAuthor : ''))).toEqual([
      'Jesus M. Gonzalez-Barahona',
      'Jesus M. Gonzalez-Barahona',
      'Jesus M. Gonzalez-Barahona',
      'Andy Grunwald',
      'Andy Grunwald',
      'Andy Grunwald',
      'Andy Grunwald',
      'Andy Grunwald',
    ]);
  });

  it('drops signatures, the Mailman footer and the scrubbed-attachment stub, quoted or not', async () => {
    const posts = postsOf(await parse(fixture(file)));
    const all = posts.flatMap(texts).join('\n');
    expect(all).not.toMatch(
      /twitter\.com\/jgbarah|next part|attachment was scrubbed|listinfo|Metrics-Grimoire mailing list/,
    );
    expect(texts(posts[0]!)).toEqual([
      'Hey,',
      'you might have heard of Docker [1]. I like to get your opinion this.',
      'Background: I thought about creating Docker containers with automated builds for some MetricsGrimoire tools. They can be use for development or testing purpose.',
      'To be able to automate the builds (and be up to date at new releases) a connection between DockerHub and the MetricsGrimoire Github Organisation would make sense. But my rights are not enough at this. That is the reason for this mail.',
      '[1] https://www.docker.com/',
    ]);
  });
});

describe('mbox: pipermail thread with interleaved replies', () => {
  it('threads by References, attributes every quote of an interleaved reply, and nested ones to their writer', async () => {
    const events = await parse(fixture('metrics-grimoire-pipermail-2016-04.mbox'));
    const posts = postsOf(events);
    expect(threadsOf(events).map((t) => [t.identity, t.title])).toEqual([
      ['mail:1460624816.5581.114.camel@example.com', '[Metrics-grimoire] [GrimoireLab] Presenting GrimoireLab'],
    ]);
    expect(posts.map((p) => [p.author, p.parentKey])).toEqual([
      ['Jesus M. Gonzalez-Barahona', null],
      ['Andy Grunwald', '1460624816.5581.114.camel@example.com'],
      ['Jesus M. Gonzalez-Barahona', 'CACRHdMZgAgzyhewu_aAJ2f2DWHVZdNH6J7zd2S=YWQuf-2yZDw@example.com'],
    ]);
    const last = posts[2]!;
    expect(last.blocks.slice(0, 4)).toEqual([
      {
        kind: 'quote',
        text: 'Thank you Jesus. For me it is fine to use this mailinglist.',
        fromAuthor: 'Andy Grunwald',
      },
      { kind: 'paragraph', text: 'Great.' },
      {
        kind: 'quote',
        text: 'One question: The old tools (CVSAnaly, MLStats, ...) are deprecated / obsolete and get no further development from your side anymore?',
        fromAuthor: 'Andy Grunwald',
      },
      expect.objectContaining({ kind: 'paragraph' }),
    ]);
    const nested = last.blocks.filter((b) => b.kind === 'quote' && b.fromAuthor === 'Jesus M. Gonzalez-Barahona');
    expect(nested).toHaveLength(10);
    expect(nested[0]!.text).toBe('Hi all,');
  });
});

describe('mbox: GNOME list messages (format=flowed, quoted-printable UTF-8, folded headers)', () => {
  it('decodes the RFC 2047 name in a "(comment)" From and the quoted-printable UTF-8 body', async () => {
    const posts = postsOf(await parse(fixture('perceval-gnome-lists-complex.mbox')));
    const danilo = posts[1]!;
    expect(danilo.author).toBe('Danilo Šegan');
    expect(danilo.key).toBe('87iqzlofqu.fsf@avet.kvota.net');
    // In-Reply-To folded over two lines with a trailing comment: the id alone is the parent.
    expect(danilo.parentKey).toBe('1205676169.6819.27.camel@user-computer.NETWORK');
    expect(danilo.postedAt).toBe('2008-03-17T09:35:05.000Z');
    expect(texts(danilo)).toContain(
      "I am not handling Ubuntu packaging stuff—it'd be worth checking with Ubuntu guys instead.  Martin Pitt is probably the right person to ask about it, but looking at the language pack sourcepackage should give a clue as well.",
    );
    expect(danilo.blocks).toContainEqual({
      kind: 'quote',
      text: 'That is a saving of at least 3M in memory.',
      fromAuthor: 'Simos Xenitellis',
    });
    // ">>" lines before Simos's own quote are someone else's: no author is guessed for them.
    expect(danilo.blocks[1]).toEqual({
      kind: 'quote',
      text: "I'll like to see some real numbers on the memory usage instead of numbers being thrown around.",
    });
  });

  it('names threads by their root Message-ID, or by list and subject when the reply names no ids', async () => {
    const events = await parse(fixture('perceval-gnome-lists-complex.mbox'));
    const threads = threadsOf(events);
    expect(threads.map((t) => t.identity)).toEqual([
      expect.stringMatching(/^mail:desktop-devel-list\.gnome\.org:subject:[0-9a-f]{16}$/),
      'mail:1204225143.12769.9.camel@localhost.localdomain',
    ]);
    expect(threads.map((t) => t.title)).toEqual(['Revisiting the Gnome Bindings', 'Low memory hacks']);
    const eugenia = postsOf(events)[0]!;
    expect(eugenia.author).toBe('Eugenia Loli-Queru');
    expect(eugenia.parentKey).toBeNull();
    expect(eugenia.blocks).toEqual([
      {
        kind: 'quote',
        text: "I don't think it's fair to blame the Foundation [...] of packaging since it's really not (just) a case [...] marketing.",
      },
      { kind: 'paragraph', text: 'No matter what is really to blame, it ultimately [...]' },
      { kind: 'paragraph', text: '[...]' },
      { kind: 'paragraph', text: 'Rgds,' },
      { kind: 'paragraph', text: 'Eugenia' },
    ]);
  });
});

describe('mbox: Eclipse list messages (multipart/alternative)', () => {
  it('reads the text/plain alternative, not the Word HTML, and one thread per root message', async () => {
    const events = await parse(fixture('perceval-eclipse-lists-multipart.mbox'));
    expect(threadsOf(events).map((t) => t.identity)).toEqual([
      'mail:019801ca633f$f4376140$dca623c0$@yang@example.com',
      'mail:FB0C1D9DAED2D411BB990002A52C30EC03838593@example.com',
    ]);
    const [vote, menus] = postsOf(events);
    expect(vote!.author).toBe('yves (yingmin) yang');
    expect(menus!.author).toBe('Nehren, Daniel');
    expect(menus!.postedAt).toBe('2003-01-29T23:02:30.000Z');
    expect(texts(vote!)).toEqual([
      'technology.esl Committers,',
      'This automatically generated message marks the successful completion of voting for Chuwei Huang to receive full Committer status on the technology.esl project. The next step is for the PMC to approve this vote, followed by the EMO processing the paperwork and provisioning the account.',
      'Vote summary: 4/0/0 with 0 not voting',
      '+1  Thomas Guiu',
      '+1  Jin Liu',
      '+1  Yves YANG',
      '+1  Bo Zhou',
      'If you have any questions, please do not hesitate to contact your project lead, PMC member, or the EMO <emo@example.org>',
    ]);
    expect(texts(menus!).join(' ')).not.toMatch(/MsoNormal|font-family|<P>/);
    expect(texts(menus!)).toContain(
      'How do I do this? Can this be done? Is anybody using eclipse as a generic UI framework?',
    );
  });
});

describe('mbox: one message deep in a Wikimedia thread', () => {
  it('takes the root from the first References id, keeps space-stuffed lines, drops the signature stub', async () => {
    const events = await parse(fixture('perceval-analytics-unixfrom-utf8.mbox'));
    expect(threadsOf(events)[0]!.identity).toBe('mail:4ADDAFD4-A226-4F68-B02D-EDA5DE355104@wikimedia.org');
    const [post] = postsOf(events);
    expect(post!.author).toBe('Christian Aistleitner');
    expect(post!.parentKey).toBe('CAKP=3WwxhP=nNqT5kJ+6ohUU-pgvRu+PkW=7ASLpiQguf7CKxg@example.org');
    expect(post!.blocks[1]).toEqual({
      kind: 'quote',
      text: "For example, not collecting usage data about certain sections of our population (e.g. IE10 users where DNT is set by default) means that we don't know if our software works for them.",
      fromAuthor: 'Aaron Halfaker',
    });
    expect(texts(post!)).toContain(
      "From my point of view, a central pillar in QA is “software getting tested”. That's happening widely across WMF. Both manually and automated. It's great already and getting better every day.",
    );
    expect(texts(post!).at(-1)).toBe(
      'P.S.: I for one received bug reports from IE10 users. (But I do not know whether or they used DNT.)',
    );
    expect(texts(post!).join(' ')).not.toMatch(/signature\.asc|scrubbed/);
  });
});

describe('mbox: Groups.io export', () => {
  it('reads all 49 unthreaded announcements, one thread each, with quoted-printable and CRLF lines decoded', async () => {
    const events = await parse(fixture('groupsio-beta-announcements.mbox'));
    const posts = postsOf(events);
    expect(posts).toHaveLength(49);
    expect(threadsOf(events)).toHaveLength(49);
    expect(new Set(posts.map((p) => p.key)).size).toBe(49);
    expect(posts.every((p) => p.parentKey === null)).toBe(true);
    expect(warningsOf(events)).toEqual([]);
    const dashes = posts.find((p) => p.title === 'Dashes in group names')!;
    expect(dashes.postedAt).toBe('2014-09-25T17:27:44.000Z');
    expect(dashes.author).toBe('updates+owner@groups.io');
    expect(texts(dashes)).toEqual([
      "By popular demand, we've added the ability for group names to contain dashes. Related, we changed all the email commands to use '+' instead of '-', so for example,\u00a0the address to subscribe to a group through email is now groupname+subscribe@groups.io",
      'Suggestions for how we can improve the service? Please let us know at support@groups.io',
      'Thanks,',
      'Mark',
    ]);
  });

  it('splits an HTML-only message at <br><br>, and a plain part written one paragraph per line', async () => {
    const posts = postsOf(await parse(fixture('groupsio-beta-announcements.mbox')));
    const intro = posts[0]!;
    expect(intro.title).toBe('Introducing Groups.io');
    expect(intro.blocks).toHaveLength(13);
    expect(intro.blocks[3]!.text).toMatch(/^So today I’m launching Groups\.io \(https:\/\/groups\.io\/\) in beta/);
    const hashtags = posts.find((p) => p.title === 'Hashtags and Email Groups')!;
    expect(texts(hashtags).slice(0, 3)).toEqual([
      'Hello,',
      "We've added a new Help Center to answer common questions people have about Groups.io. One of the articles in the Help Center talks about hashtags, a powerful feature of Groups.io:",
      'Hashtags',
    ]);
  });
});

describe('mbox: splitting and streaming', () => {
  const message = (id: string, headers: string, body: string, subject = 'Topic'): string =>
    `From someone@example.org Mon Jan  2 10:00:00 2017\nFrom: Someone <someone@example.org>\nDate: Mon, 2 Jan 2017 10:00:00 +0000\nSubject: ${subject}\nMessage-ID: <${id}>\n${headers}\n${body}\n\n`;
  const reply = (to: string): string => `In-Reply-To: <${to}>\nReferences: <${to}>`;

  it('gives the same events however the text is chunked, even one character at a time', async () => {
    const text = fixture('metrics-grimoire-pipermail-2016-04.mbox');
    expect(await parse(text, 1)).toEqual(await parse(text));
    expect(await parse(text, 7)).toEqual(await parse(text));
  });

  it('un-stuffs >From lines (mboxrd) and does not split at a body line starting with "From "', async () => {
    const text =
      message(
        'a@x',
        '',
        'First line.\n\nFrom the start, this was a body line.\n>From here it was stuffed.\n>>From a quote.',
      ) + message('b@x', reply('a@x'), 'Answer.', 'Re: Topic');
    const posts = postsOf(await parse(text));
    expect(posts.map((p) => p.key)).toEqual(['a@x', 'b@x']);
    expect(texts(posts[0]!)).toEqual([
      'First line.',
      'From the start, this was a body line. From here it was stuffed.',
      'From a quote.',
    ]);
    expect(posts[0]!.blocks[2]!.kind).toBe('quote');
  });

  it('emits the thread again when a later message returns to an earlier thread', async () => {
    const text =
      message('root1@x', '', 'One.') +
      message('other@x', '', 'Other topic.', 'Elsewhere') +
      message('reply1@x', reply('root1@x'), 'Back to one.', 'Re: Topic');
    const events = await parse(text);
    expect(
      events.filter((e) => e.kind !== 'warning').map((e) => (e.kind === 'thread' ? e.thread.identity : e.post.key)),
    ).toEqual(['mail:root1@x', 'root1@x', 'mail:other@x', 'other@x', 'mail:root1@x', 'reply1@x']);
  });

  it('puts a reply that comes before its root in the root thread', async () => {
    const text = message('reply@x', reply('root@x'), 'Early reply.', 'Re: Topic') + message('root@x', '', 'Root.');
    const threads = threadOfEachPost(await parse(text));
    expect(threads.get('reply@x')).toBe('mail:root@x');
    expect(threads.get('root@x')).toBe('mail:root@x');
  });

  it('keys a message without Message-ID by a hash of date, sender and subject, the same in every export', async () => {
    const text = message('x', '', 'No id here.').replace('Message-ID: <x>\n', '');
    const [first] = postsOf(await parse(text));
    const [again] = postsOf(await parse(text));
    expect(first!.key).toMatch(/^hash:[0-9a-f]{16}$/);
    expect(again!.key).toBe(first!.key);
  });

  it('skips a second copy of a message with a warning', async () => {
    const events = await parse(message('same@x', '', 'Once.') + message('same@x', '', 'Once.'));
    expect(postsOf(events)).toHaveLength(1);
    expect(warningsOf(events)).toEqual(['skipped a second copy of message same@x']);
  });

  it('uses the From_ line date when the Date header is missing', async () => {
    const text = message('d@x', '', 'Undated.').replace(/^Date: .*\n/m, '');
    expect(postsOf(await parse(text))[0]!.postedAt).toBe('2017-01-02T10:00:00.000Z');
  });
});

describe('mbox: sniffing and bad input', () => {
  it('recognises an mbox by its From_ line followed by a header, not other text', () => {
    expect(
      mboxParser.sniff('2015-November.txt', fixture('metrics-grimoire-pipermail-2015-11.mbox').slice(0, 4096)),
    ).toBe(true);
    expect(mboxParser.sniff('x.mbox', 'From the desk of the editor:\nDear all,\n')).toBe(false);
    expect(mboxParser.sniff('x.eml', 'From: a@b\nSubject: x\n\nbody')).toBe(false);
  });

  it('refuses an empty file', async () => {
    await expect(parse('')).rejects.toThrow('not an mbox: the file is empty');
  });

  it('refuses text that does not start with a From_ line', async () => {
    await expect(parse('<html><body>Not mail</body></html>')).rejects.toThrow(
      'not an mbox: the file does not start with a "From " separator line',
    );
    await expect(parse('{"posts": []}')).rejects.toThrow('not an mbox');
  });

  it('refuses a From_ line that no header follows', async () => {
    await expect(parse('From someone Mon Jan  2 10:00:00 2017\nJust prose here.\n')).rejects.toThrow(
      'not an mbox: the first "From " line is not followed by message headers',
    );
  });

  it('refuses binary junk', async () => {
    await expect(parse('\u0000\u0001\u0002PK\u0003\u0004 junk')).rejects.toThrow(
      'not an mbox: the file holds binary data',
    );
  });

  it('keeps the messages of a file cut short in the middle of a MIME part', async () => {
    const text = fixture('perceval-eclipse-lists-multipart.mbox');
    const cut = text.slice(0, text.indexOf('Content-Type: text/html'));
    const posts = postsOf(await parse(cut));
    expect(posts).toHaveLength(1);
    expect(texts(posts[0]!)[0]).toBe('technology.esl Committers,');
  });
});
