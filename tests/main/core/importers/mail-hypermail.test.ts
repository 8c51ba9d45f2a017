import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hypermailParser } from '../../../../src/main/core/importers/mail';
import type { SourceEvent, SourcePost } from '../../../../src/main/core/importers/source-thread';
import { decodeWindows1252 } from '../../../../src/main/core/text/decode';
import { parseEvents, postsOf, threadsOf } from '../../../helpers/source-events';

const FIXTURES = path.join(__dirname, '../../../fixtures/mail/hypermail');
/** As the import pipeline decodes a file: UTF-8, or Windows-1252 when it is not valid UTF-8. */
function page(name: string): string {
  const bytes = readFileSync(path.join(FIXTURES, name));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

const parse = (text: string): Promise<SourceEvent[]> => parseEvents(hypermailParser, text, { file: 'page.html' });
const texts = (post: SourcePost): string[] => post.blocks.map((b) => b.text);

describe('Hypermail message pages (everything-list, 1998-1999)', () => {
  it('reads the metadata comments: id, author, time, subject; threads pages by subject', async () => {
    const root = await parse(page('0002.html'));
    const reply = await parse(page('0006.html'));
    expect(threadsOf(root)).toEqual([
      {
        identity: expect.stringMatching(/^mail:everything:subject:[0-9a-f]{16}$/),
        title: 'basic questions',
        url: null,
        format: 'mail',
      },
    ]);
    expect(threadsOf(reply)[0]!.identity).toBe(threadsOf(root)[0]!.identity);
    expect(postsOf(root)[0]).toMatchObject({
      key: '19980119210307.12417.domain.name.hidden',
      parentKey: null,
      author: 'Wei Dai',
      postedAt: '1998-01-20T05:03:07.000Z',
      permalink: null,
      title: 'basic questions',
    });
    expect(postsOf(root)[0]!.blocks).toHaveLength(7);
    expect(postsOf(root)[0]!.blocks.every((b) => b.kind === 'paragraph')).toBe(true);
    expect(postsOf(reply)[0]!.parentKey).toBe('199801202246.OAA10431.domain.name.hidden');
  });

  it('turns quotelev spans back into quote blocks, one per quoted paragraph, named by "X writes:"', async () => {
    const [post] = postsOf(await parse(page('0006.html')));
    expect(post!.blocks.map((b) => b.kind)).toEqual([
      'quote',
      'paragraph',
      'quote',
      'paragraph',
      'quote',
      'paragraph',
      'paragraph',
    ]);
    expect(post!.blocks[0]).toEqual({
      kind: 'quote',
      text: 'I think there would be a mapping between mathematical structures and TM programs.  Starting with a mathematical structure, described as a formal system, we could have a TM start writing out theorems in that system. In the other direction, we could create a mathematical description of any given TM.',
      fromAuthor: 'Hal Finney',
    });
    expect(texts(post!).join(' ')).not.toMatch(/writes:|Received on|&gt;|<br/);
  });

  it('leaves free-text In-Reply-To ("basic questions") without a parent, and splits messages Hypermail failed to separate', async () => {
    const events = await parse(page('0005.html'));
    const posts = postsOf(events);
    // "FFrom …" and "rom …" lines: two more of Hal Finney's messages, with their headers, inside this page.
    expect(posts.map((p) => [p.key, p.parentKey, p.author, p.postedAt])).toEqual([
      ['199801202234.OAA10406.domain.name.hidden', null, 'Hal Finney', '1998-01-20T22:34:56.000Z'],
      ['199801202246.OAA10431.domain.name.hidden', null, 'Hal Finney', '1998-01-20T22:46:54.000Z'],
      ['199801202221.OAA10372.domain.name.hidden', null, 'Hal Finney', '1998-01-20T22:21:21.000Z'],
    ]);
    expect(events.filter((e) => e.kind === 'warning')).toHaveLength(2);
    expect(texts(posts[0]!).at(-1)).toBe('Hal');
    expect(texts(posts[0]!).join(' ')).not.toMatch(/Received:|Resent-|FFrom/);
    expect(posts[0]!.blocks[0]).toMatchObject({ kind: 'quote', fromAuthor: 'Robin Hanson' });
    expect(posts[1]!.blocks[0]).toMatchObject({ kind: 'quote', fromAuthor: 'Wei Dai' });
    // A ">From" line inside Hal's own paragraph is mbox escaping, not a quotation.
    expect(texts(posts[2]!)).toContain(
      "Tegmark takes a Platonic view, the idea being that a sufficiently complex mathematical system inherently leads to what feels like a real universe. Nobody actually has to write down the equation, or run the simulation. From the inside, we can't tell whether that is being done or not.  This viewpoint could apply to the string or TM models as well.",
    );
    expect(posts[2]!.blocks.every((b) => b.kind === 'paragraph')).toBe(true);
  });

  it('reads a forwarded message pasted with its headers as a post by its own writer', async () => {
    const posts = postsOf(await parse(page('0698.html')));
    expect(posts.map((p) => [p.key, p.author])).toEqual([
      ['2c1021c2.248eb3c5.domain.name.hidden', 'GSLevy.domain.name.hidden'],
      ['19990607185004.C23526.domain.name.hidden', 'Wei Dai'],
    ]);
    expect(posts[1]!.parentKey).toBe('C161B7880426D21198E30020484031ED0116A5D9.domain.name.hidden');
    expect(posts[1]!.blocks[0]).toMatchObject({ kind: 'quote', fromAuthor: 'Higgo James' });
  });

  it('reads times: a zone without its sign, an impossible zone, and a ctime date through isosent', async () => {
    // "Fri, 25 Dec 1998 9:03 0000": Hypermail's own isosent says 2000.
    expect(postsOf(await parse(page('0197.html')))[0]!.postedAt).toBe('1998-12-25T09:03:00.000Z');
    // "+875200" cannot be a zone; isosent is a year off, so the time is read as UTC.
    expect(postsOf(await parse(page('0204.html')))[0]!.postedAt).toBe('1998-12-31T16:18:56.000Z');
    // "Tue Jan 12 03:13:22 1999" has no zone; isosent 19990112111322 knows it was Pacific time.
    expect(postsOf(await parse(page('0241.html')))[0]!.postedAt).toBe('1999-01-12T11:13:22.000Z');
  });

  it('rejoins quoted lines a mailer spilled unquoted, quotes a "Replied message", keeps a name-as-address author', async () => {
    const [post] = postsOf(await parse(page('0197.html')));
    expect(post!.author).toBe('james.higgo.domain.name.hidden');
    expect(post!.blocks[0]).toEqual({
      kind: 'paragraph',
      text: "Of course, there are MWI-like quantum ontologies, eg where the brain acts as some kind of nonlocal 'channel selector' in which 'free will' is supposed to enter the picture. Perhaps such an ontology would be compatible with decision thory: you act to modify your brain so you chose a 'good' outcome with higher probability (ie in more universes).",
    });
    // "> >> … easy to prove:" / "suppose" / "> >> the MWI was false …": the spilled word rejoins its quotation.
    expect(post!.blocks).toContainEqual({
      kind: 'quote',
      text: "On the contrary, it's the same.  That is easy to prove: suppose the MWI was false but assume the universe is spacially infinite, so there are other people like you in distant galaxies.  Clearly they have no bearing on what you do, so you should make the usual decisions, including of course any suicide decisions.  It is no different in the",
    });
    // Everything after the "Replied message" header block is Jacques Mallah's reply, quoted.
    expect(post!.blocks.slice(1).every((b) => b.kind === 'quote')).toBe(true);
    expect(texts(post!).join(' ')).not.toMatch(/Replied message|Subject: Decision theory/);
  });

  it('keeps the 8-bit Latin-1 letters of a page the pipeline read as Windows-1252', async () => {
    const [post] = postsOf(await parse(page('0137.html')));
    expect(texts(post!).join(' ')).toContain("according to Schrödinger's equations");
  });
});

describe('Hypermail: markup beyond the sample pages', () => {
  it('quotes a quotelev line without its ">" and drops the list of stored attachments', async () => {
    const minimal = [
      '<html><head><meta name="generator" content="hypermail 2.3.0" />',
      '<title>Re: Files from Ann Example on 1999-01-02 (demo)</title></head><body>',
      '<!-- sent="Sat, 2 Jan 1999 10:00:00 +0000" -->',
      '<!-- name="Ann Example" -->',
      '<!-- subject="Re: Files" -->',
      '<!-- id="199901021000.AA1.domain.name.hidden" -->',
      '<!-- inreplyto="199901011000.AA0.domain.name.hidden" -->',
      '<!-- body="start" -->',
      '<div class="mail"><address class="headers">From: Ann</address><br />',
      'Bob wrote:<br />',
      '<span class="quotelev1">| here is the file<br />',
      '</span><br />Thanks.<br />',
      '<br /><div><ul><li>application/msword attachment: <a href="att-0001/x.doc">x.doc</a></li></ul></div>',
      '<span id="received"><dfn>Received on</dfn> Sat Jan 02 1999</span></div>',
      '<!-- body="end" -->',
      '</body></html>',
    ].join('\n');
    const events = await parse(minimal);
    expect(threadsOf(events)[0]!.identity).toMatch(/^mail:demo:subject:/);
    expect(postsOf(events)[0]).toEqual({
      key: '199901021000.AA1.domain.name.hidden',
      parentKey: '199901011000.AA0.domain.name.hidden',
      author: 'Ann Example',
      postedAt: '1999-01-02T10:00:00.000Z',
      permalink: null,
      title: 'Re: Files',
      blocks: [
        { kind: 'quote', text: '| here is the file', fromAuthor: 'Bob' },
        { kind: 'paragraph', text: 'Thanks.' },
      ],
    });
  });
});

describe('Hypermail: sniffing and bad input', () => {
  it('recognises a message page, not an index page or other HTML', () => {
    expect(hypermailParser.sniff('0002.html', page('0002.html').slice(0, 65536))).toBe(true);
    const index = '<meta name="generator" content="hypermail 2.3.0" /><title>everything by thread</title><ul></ul>';
    expect(hypermailParser.sniff('index.html', index)).toBe(false);
    expect(hypermailParser.sniff('x.html', '<html><body><div class="post">Hi</div></body></html>')).toBe(false);
  });

  it('says what is wrong with an index page, other HTML, a truncated page and a page without an id', async () => {
    await expect(parse('<meta name="generator" content="hypermail 2.3.0" /><ul></ul>')).rejects.toThrow(
      'not a Hypermail message page: no message body (an index or thread page?)',
    );
    await expect(parse('<html><body>hello</body></html>')).rejects.toThrow(
      'not a Hypermail message page: no <!-- body="start" --> marker',
    );
    const full = page('0002.html');
    await expect(parse(full.slice(0, full.indexOf('<!-- body="end" -->')))).rejects.toThrow(
      'not a whole Hypermail message page: the body has no end marker (truncated?)',
    );
    await expect(parse(full.replace(/<!-- id="[^"]*" -->/, ''))).rejects.toThrow(
      'not a Hypermail message page: no <!-- id="…" --> comment',
    );
    await expect(parse('\u0000\u0001binary')).rejects.toThrow('not a Hypermail message page');
  });
});
