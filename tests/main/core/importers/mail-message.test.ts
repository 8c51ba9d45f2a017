import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { emailMessageParser } from '../../../../src/main/core/importers/mail';
import type { SourceEvent, SourcePost, SourceThread } from '../../../../src/main/core/importers/source-thread';
import { decodeWindows1252 } from '../../../../src/main/core/text/decode';
import { parseEvents, postsOf } from '../../../helpers/source-events';

const FIXTURES = path.join(__dirname, '../../../fixtures/mail/maildir');
/** As the import pipeline decodes a file: UTF-8, or Windows-1252 when it is not valid UTF-8. */
function decodeLikeThePipeline(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}
const fixture = (name: string): string => decodeLikeThePipeline(readFileSync(path.join(FIXTURES, name)));

const parse = (text: string, file = 'message.eml'): Promise<SourceEvent[]> =>
  parseEvents(emailMessageParser, text, { file });
const postOf = async (text: string): Promise<SourcePost> => {
  const posts = postsOf(await parse(text));
  expect(posts).toHaveLength(1);
  return posts[0]!;
};
const threadOf = async (text: string): Promise<SourceThread> => {
  const threads = (await parse(text)).flatMap((e) => (e.kind === 'thread' ? [e.thread] : []));
  expect(threads).toHaveLength(1);
  return threads[0]!;
};
const texts = (post: SourcePost): string[] => post.blocks.map((b) => b.text);

const HEADERS =
  'From: Ann Example <ann@example.org>\nDate: Tue, 3 Mar 2020 10:00:00 +0100\nMessage-ID: <m1@example.org>\n';
const mail = (headers: string, body: string): string => `${HEADERS}${headers}\n${body}`;

describe('Maildir messages from the notmuch corpus', () => {
  it('puts a patch and a reply to its sibling in one thread, ignoring the junk "<yes>" reference', async () => {
    const patch = fixture('lkml-1354585346.000260.eml');
    const reply = fixture('lkml-1354585346.000265.eml');
    const identity = 'mail:1258848661-4660-1-git-send-email-stefan@datenfreihafen.org';
    expect((await threadOf(patch)).identity).toBe(identity);
    expect((await threadOf(reply)).identity).toBe(identity);
    expect((await threadOf(patch)).title).toBe(
      '[notmuch] [PATCH 2/2] notmuch-new: Tag mails not as unread when the seen flag in the maildir is set.',
    );
    const post = await postOf(patch);
    expect(post.key).toBe('1258848661-4660-2-git-send-email-stefan@datenfreihafen.org');
    expect(post.parentKey).toBe('1258848661-4660-1-git-send-email-stefan@datenfreihafen.org');
    expect(post.author).toBe('Stefan Schmidt');
    expect(post.postedAt).toBe('2009-11-22T00:11:01.000Z');
  });

  it('keeps an inline patch as one paragraph per hunk, line breaks intact, and the commit message as prose', async () => {
    const post = await postOf(fixture('lkml-1354585346.000260.eml'));
    const diffs = texts(post).filter((t) => t.startsWith('diff --git') || t.startsWith('@@'));
    expect(diffs).toHaveLength(2);
    expect(diffs[0]).toMatch(
      /^diff --git a\/Makefile b\/Makefile\nindex 3fedcf1\.\.dfcfc70 100644\n--- a\/Makefile\n\+\+\+ b\/Makefile\n@@ -1,6 \+1,6 @@\n/,
    );
    expect(texts(post)[0]).toBe(
      'With the new notmuch_message_get_flags() function we can get the information if a message was already flagged as seen in maildir by another mailer or tool. This gives a more realistic picture instead of flagging all as unread.',
    );
    expect(texts(post)[1]).toBe('Signed-off-by: Stefan Schmidt <stefan@datenfreihafen.org>');
    expect(texts(post).join('\n')).not.toMatch(/^1\.6\.5\.3$/m);

    const series = await postOf(fixture('lkml-1382298793.002267.eml'));
    // 39 files, 44 hunks: the first hunk of each file shares its paragraph with the file header.
    expect(texts(series).filter((t) => t.startsWith('diff --git'))).toHaveLength(39);
    expect(texts(series).filter((t) => t.startsWith('diff --git') || t.startsWith('@@'))).toHaveLength(44);
  });

  it('reads the signed part of multipart/signed, quoted-printable, and drops the "-- " signature and PGP block', async () => {
    const post = await postOf(fixture('lkml-1354585346.000265.eml'));
    expect(post.author).toBe('Keith Packard');
    expect(post.blocks[0]).toEqual({
      kind: 'quote',
      text: '+const char * +notmuch_message_get_flags (notmuch_message_t *message)',
      fromAuthor: 'Stefan Schmidt',
    });
    expect(post.blocks).toHaveLength(3);
    expect(texts(post).join(' ')).not.toMatch(/keith\.packard@intel\.com|PGP SIGNATURE/);
  });

  it('decodes RFC 2047 subjects, gives the Archived-At permalink and the cover letter as thread root', async () => {
    const text = fixture('lkml-1382298793.002267.eml');
    const post = await postOf(text);
    expect(post.title).toBe('[PATCH 29/44] drivers/staging: Remove unnecessary semicolons');
    expect(post.parentKey).toBe('cover.1289789604.git.joe@perches.com');
    expect(post.permalink).toMatch(/^http:\/\/permalink\.gmane\.org\//);
    expect((await threadOf(text)).identity).toBe('mail:cover.1289789604.git.joe@perches.com');
  });

  it('starts its own thread, with the permalink as its URL, when the only reference is "<yes>"', async () => {
    const text = fixture('lkml-1382298587.001724.eml');
    const post = await postOf(text);
    expect(post.parentKey).toBeNull();
    const thread = await threadOf(text);
    expect(thread.identity).toBe('mail:1277220309-3757-1-git-send-email-sjayaraman@suse.de');
    expect(thread.url).toBe(post.permalink);
    expect(thread.title).toBe('[RFC][PATCH 10/10] cifs: add mount option to enable local caching');
  });

  it('reads a raw 8-bit Latin-1 body and a French attribution, nested quotes to their own writers', async () => {
    const post = await postOf(fixture('notmuch-cur__52.eml'));
    expect(post.author).toBe('François Boulogne');
    expect(post.blocks.at(-2)).toEqual({
      kind: 'quote',
      text: 'Use install with -m specifying the correct permissions',
      fromAuthor: 'Allan McRae',
    });
    expect(post.blocks.at(-1)).toEqual({ kind: 'paragraph', text: 'Thank you Allan' });
    expect(post.blocks.filter((b) => b.kind === 'quote' && b.fromAuthor === 'François Boulogne')).toHaveLength(5);
    expect(texts(post).join(' ')).not.toMatch(/écrit|wrote/);
  });

  it('drops the Mailman footer MIME part and the signature', async () => {
    const post = await postOf(fixture('notmuch-foo__new__03.eml'));
    expect(post.author).toBe('Lars Kellogg-Stedman');
    expect(texts(post).at(-1)).toBe('Cheers,');
    expect(texts(post).join(' ')).not.toMatch(/mailing list|listinfo|Harvard University/);
  });

  it('reads a base64 patch attachment after the text/plain alternative, not the HTML one', async () => {
    const post = await postOf(fixture('notmuch-bar__baz__05.eml'));
    expect(post.author).toBe('Alex Botero-Lowry');
    expect(texts(post).filter((t) => t.startsWith('diff --git a/notmuch-config.c'))).toHaveLength(1);
    expect(texts(post).filter((t) => t.startsWith('@@'))).toHaveLength(1);
    expect(texts(post)[0]).toMatch(/^I saw the announcement this morning/);
    expect(texts(post).join(' ')).not.toMatch(/<div|<br/);
  });

  it('keeps plain replies simple', async () => {
    const post = await postOf(fixture('notmuch-cur__29.eml'));
    expect(post).toEqual({
      key: 'yunzl6kd1w0.fsf@aiko.keithp.com',
      parentKey: '20091117232137.GA7669@griffis1.net',
      author: 'Keith Packard',
      postedAt: '2009-11-18T02:04:31.000Z',
      permalink: null,
      title: '[notmuch] archive',
      blocks: [
        {
          kind: 'quote',
          text: "Just subscribed, I'd like to catch up on the previous postings, but the archive link seems to be bogus?",
          fromAuthor: 'Aron Griffis',
        },
        {
          kind: 'paragraph',
          text: 'Yeah, the archive appears broken and will need to wait until Carl arrives in Barcelona to get fixed.',
        },
      ],
    });
  });
});

describe('MIME decoding', () => {
  it('decodes quoted-printable Windows-1252 with its curly quotes and euro sign, not as Latin-1', async () => {
    const post = await postOf(
      mail(
        'Content-Type: text/plain; charset=windows-1252\nContent-Transfer-Encoding: quoted-printable\n',
        'It costs 5 =80, =93so=94 they say. A soft=\n break.',
      ),
    );
    expect(texts(post)).toEqual(['It costs 5 €, “so” they say. A soft break.']);
  });

  it('decodes base64 in KOI8-R and ISO-2022-JP', async () => {
    const koi8 = iconv.encode('Привет, мир', 'koi8-r').toString('base64');
    expect(
      texts(
        await postOf(mail('Content-Type: text/plain; charset="koi8-r"\nContent-Transfer-Encoding: base64\n', koi8)),
      ),
    ).toEqual(['Привет, мир']);
    const jis = Buffer.from([0x1b, 0x24, 0x42, 0x30, 0x21, 0x1b, 0x28, 0x42]).toString('base64');
    expect(
      texts(
        await postOf(mail('Content-Type: text/plain; charset=ISO-2022-JP\nContent-Transfer-Encoding: BASE64\n', jis)),
      ),
    ).toEqual(['亜']);
  });

  it('recovers an 8-bit part the pipeline had to read as Windows-1252', async () => {
    // A KOI8-R part in a file that is not UTF-8: the pipeline decoded its bytes as Windows-1252.
    const mojibake = decodeWindows1252(iconv.encode('Доброе утро', 'koi8-r'));
    expect(
      texts(
        await postOf(mail('Content-Type: text/plain; charset=koi8-r\nContent-Transfer-Encoding: 8bit\n', mojibake)),
      ),
    ).toEqual(['Доброе утро']);
    // A UTF-8 part in a mailbox the pipeline read as Windows-1252 (another message was Latin-1).
    const utf8 = decodeWindows1252(Buffer.from('déjà vu', 'utf8'));
    expect(texts(await postOf(mail('Content-Type: text/plain; charset=utf-8\n', utf8)))).toEqual(['déjà vu']);
    // Already decoded right (the file was UTF-8): left alone.
    expect(texts(await postOf(mail('Content-Type: text/plain; charset=koi8-r\n', 'Доброе утро')))).toEqual([
      'Доброе утро',
    ]);
  });

  it('decodes RFC 2047 words, joining adjacent ones and a character split between two', async () => {
    const post = await postOf(
      'From: =?ISO-8859-1?Q?Fran=E7ois?= =?utf-8?b?QsOpbw==?= <f@example.org>\nMessage-ID: <w@x>\nSubject: =?UTF-8?Q?caf=C3?= =?UTF-8?Q?=A9_au_lait?=\n\nBody.',
    );
    expect(post.author).toBe('FrançoisBéo');
    expect(post.title).toBe('café au lait');
  });

  it('undoes format=flowed: soft breaks, space-stuffing and DelSp', async () => {
    const body = 'A flowed paragraph that goes \non and on.\n From stuffed.\n> quoted that \n> continues.\n\nNext.';
    expect(texts(await postOf(mail('Content-Type: text/plain; format=flowed\n', body)))).toEqual([
      'A flowed paragraph that goes on and on.',
      'From stuffed.',
      'quoted that continues.',
      'Next.',
    ]);
    const delsp = mail(
      'Content-Type: text/plain; format=flowed; delsp=yes\n',
      'Ein langes Wort: Donaudampf \nschifffahrt.',
    );
    expect(texts(await postOf(delsp))).toEqual(['Ein langes Wort: Donaudampfschifffahrt.']);
  });

  it('skips attachments that are not text and reads every inline text part of multipart/mixed', async () => {
    const body = [
      '--b1',
      'Content-Type: text/plain; charset=us-ascii',
      '',
      'See the picture.',
      '--b1',
      'Content-Type: image/png; name="x.png"',
      'Content-Transfer-Encoding: base64',
      'Content-Disposition: attachment; filename="x.png"',
      '',
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      '--b1',
      'Content-Type: text/plain',
      'Content-Disposition: inline',
      '',
      'A second inline part.',
      '--b1--',
    ].join('\n');
    expect(
      texts(await postOf(mail('MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n', body))),
    ).toEqual(['See the picture.', 'A second inline part.']);
  });

  it('reads an HTML-only message through htmlToBlocks, naming the blockquote from its attribution line', async () => {
    const html =
      '<div>I agree.</div><div>On Mon, Mar 2, 2020 at 9:00 AM Bob Smith &lt;bob@example.org&gt; wrote:<br></div><blockquote type="cite"><p>The plan is sound.</p><p>Ship it.</p></blockquote><div>-- <br>Ann, sent from a phone</div>';
    expect((await postOf(mail('Content-Type: text/html; charset=utf-8\n', html))).blocks).toEqual([
      { kind: 'paragraph', text: 'I agree.' },
      { kind: 'quote', text: 'The plan is sound.', fromAuthor: 'Bob Smith' },
      { kind: 'quote', text: 'Ship it.', fromAuthor: 'Bob Smith' },
    ]);
  });

  it('keeps the text of a multipart message whose boundary never appears, with a warning', async () => {
    const events = await parse(mail('Content-Type: multipart/mixed; boundary="nothere"\n', 'Plain words.'));
    expect(events.flatMap((e) => (e.kind === 'post' ? texts(e.post) : []))).toEqual(['Plain words.']);
    expect(events.some((e) => e.kind === 'warning' && /no readable MIME boundary/.test(e.message))).toBe(true);
  });
});

describe('one-message files: threading, sniffing and bad input', () => {
  it('threads a reply without ids by its subject, and an opening message by its own id', async () => {
    const reply = await threadOf(mail('Subject: Re: [list] Weekly   call\n', 'Yes.'));
    const sameSubject = await threadOf('From: Bob <b@x>\nMessage-ID: <other@x>\nSubject: AW: Weekly call\n\nJa.');
    expect(reply.identity).toMatch(/^mail:mbox:subject:[0-9a-f]{16}$/);
    expect(sameSubject.identity).toBe(reply.identity);
    expect(reply.title).toBe('[list] Weekly call');
    expect((await threadOf(mail('Subject: Weekly call\n', 'Agenda.'))).identity).toBe('mail:m1@example.org');
  });

  it('recognises Maildir files by their headers, whatever their name', () => {
    const maildirName = 'cur/1354585346.000260.host:2,S';
    expect(emailMessageParser.sniff(maildirName, fixture('lkml-1354585346.000260.eml').slice(0, 4096))).toBe(true);
    expect(emailMessageParser.sniff('note.eml', 'From: a@b\nSubject: hi\n\nbody')).toBe(true);
    expect(emailMessageParser.sniff('notes.txt', 'Title: Notes\nAuthor: me\n\nbody')).toBe(false);
    expect(emailMessageParser.sniff('data.json', '{"from": "x"}')).toBe(false);
    const mbox = 'From a@b Mon Jan  2 10:00:00 2017\nFrom: a@b\nSubject: x\nDate: Mon, 2 Jan 2017 10:00:00 +0000\n\nHi';
    expect(emailMessageParser.sniff('archive', mbox)).toBe(false);
    expect(emailMessageParser.sniff('saved.eml', mbox)).toBe(true);
  });

  it('reads a message saved with its mbox From_ line', async () => {
    const post = await postOf(`From ann@example.org Tue Mar  3 10:00:00 2020\n${mail('Subject: Saved\n', 'Kept.')}`);
    expect(post.title).toBe('Saved');
    expect(texts(post)).toEqual(['Kept.']);
  });

  it('refuses an empty file, binary data, JSON, HTML and prose', async () => {
    await expect(parse('')).rejects.toThrow('not an e-mail message: the file is empty');
    await expect(parse('PK\u0003\u0004\u0000\u0000binary')).rejects.toThrow(
      'not an e-mail message: the file holds binary data',
    );
    await expect(parse('{"post_stream": {"posts": []}}')).rejects.toThrow(
      'not an e-mail message: it does not start with header lines',
    );
    await expect(parse('<!DOCTYPE html><html></html>')).rejects.toThrow('not an e-mail message');
    await expect(parse('Dear all,\nthis is a letter.')).rejects.toThrow('not an e-mail message');
    await expect(parse('X-Custom: 1\nX-Other: 2\n\nbody')).rejects.toThrow(
      'not an e-mail message: no From, Date or Message-ID header',
    );
  });
});
