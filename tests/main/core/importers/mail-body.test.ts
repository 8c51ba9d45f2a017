import { describe, expect, it } from 'vitest';
import { attributionName } from '../../../../src/main/core/importers/mail/attribution';
import { plainTextBody } from '../../../../src/main/core/importers/mail/body';
import { normalizeSubject, threadTitle } from '../../../../src/main/core/importers/mail/threading';

const blocks = (lines: string[]) => plainTextBody(lines.join('\n')).blocks;

describe('mail body: paragraphs and quotations', () => {
  it('joins hard-wrapped lines, splits at blank lines, one quote block per quoted paragraph at any depth', () => {
    expect(
      blocks([
        'On Tue, 17 Nov 2009 13:02:03 -0800, Carl Worth <cworth at cworth.org> wrote:',
        '> First quoted',
        '> paragraph.',
        '>',
        '> Second quoted paragraph.',
        '> On Mon, 16 Nov 2009, Keith Packard wrote:',
        '> > Deeper, by Keith,',
        '>> still Keith.',
        '',
        'My answer, wrapped',
        'over two lines.',
        '',
        '> Another quote from Carl.',
      ]),
    ).toEqual([
      { kind: 'quote', text: 'First quoted paragraph.', fromAuthor: 'Carl Worth' },
      { kind: 'quote', text: 'Second quoted paragraph.', fromAuthor: 'Carl Worth' },
      { kind: 'quote', text: 'Deeper, by Keith, still Keith.', fromAuthor: 'Keith Packard' },
      { kind: 'paragraph', text: 'My answer, wrapped over two lines.' },
      { kind: 'quote', text: 'Another quote from Carl.', fromAuthor: 'Carl Worth' },
    ]);
  });

  it('takes an attribution wrapped over two lines whole, and keeps the sentence before it', () => {
    expect(
      blocks([
        'Thanks for this.',
        'On Tue, 17 Nov 2009 16:23:53 -0800, Alex Botero-Lowry',
        '<alex.boterolowry at gmail.com> wrote:',
        '> Quoted.',
      ]),
    ).toEqual([
      { kind: 'paragraph', text: 'Thanks for this.' },
      { kind: 'quote', text: 'Quoted.', fromAuthor: 'Alex Botero-Lowry' },
    ]);
  });

  it('keeps a line that only looks like an attribution, and names no one', () => {
    expect(blocks(['Here is what the manual says:', '> Do not do that.'])).toEqual([
      { kind: 'paragraph', text: 'Here is what the manual says:' },
      { kind: 'quote', text: 'Do not do that.' },
    ]);
  });

  it('reads an Outlook "Original Message" block, and a "From:/Date:" header paragraph, as attributions', () => {
    expect(
      blocks([
        'Top-posted answer.',
        '',
        '-----Original Message-----',
        'From: Hal Finney [SMTP:hal@example.org]',
        'Sent: 17 November 1998 02:26',
        'To: everything-list',
        'Subject: Re: probability',
        '',
        'The original text.',
      ]),
    ).toEqual([
      { kind: 'paragraph', text: 'Top-posted answer.' },
      { kind: 'quote', text: 'The original text.', fromAuthor: 'Hal Finney' },
    ]);
    expect(
      blocks([
        'From: Joe Perches <joe@perches.com>',
        'Date: Sun, 14 Nov 2010 19:04:58 -0800',
        '',
        '> Patch text.',
        '',
        'Applied.',
      ]),
    ).toEqual([
      { kind: 'quote', text: 'Patch text.', fromAuthor: 'Joe Perches' },
      { kind: 'paragraph', text: 'Applied.' },
    ]);
  });

  it('rejoins a spilled quoted line and un-quotes a stuffed ">From" inside a paragraph', () => {
    expect(
      blocks([
        '> the universe is',
        'spacially infinite, so',
        '> there are others.',
        '',
        'I say',
        '>From here on',
        'it is mine.',
      ]),
    ).toEqual([
      { kind: 'quote', text: 'the universe is spacially infinite, so there are others.' },
      { kind: 'paragraph', text: 'I say From here on it is mine.' },
    ]);
  });

  it('reads text written one paragraph per line as one paragraph per line', () => {
    const long =
      'This paragraph was never wrapped by the mailer, so it runs on and on for well over a hundred and twenty characters in one line.';
    expect(blocks(['Hello,', long, long, 'Thanks,', 'Mark'])).toEqual([
      { kind: 'paragraph', text: 'Hello,' },
      { kind: 'paragraph', text: long },
      { kind: 'paragraph', text: long },
      { kind: 'paragraph', text: 'Thanks,' },
      { kind: 'paragraph', text: 'Mark' },
    ]);
  });
});

describe('mail body: what is noise', () => {
  it('drops the signature but not the quotation a mailer put after it', () => {
    expect(
      blocks([
        'Short answer.',
        '',
        '-- ',
        'Ann',
        'http://ann.example.org',
        '',
        'On Mon, 2 Mar 2020, Bob wrote:',
        '> The question.',
      ]),
    ).toEqual([
      { kind: 'paragraph', text: 'Short answer.' },
      { kind: 'quote', text: 'The question.', fromAuthor: 'Bob' },
    ]);
  });

  it('drops Mailman and Groups.io footers and pipermail attachment stubs, keeping the Groups.io message URL', () => {
    const body = plainTextBody(
      [
        'Real text.',
        '',
        '-=-=-=-=-=-=-=-=-=-=-=-',
        'Groups.io Links: You receive all messages sent to this group.',
        'View/Reply Online (#123): https://groups.io/g/main/message/123',
        'Mute This Topic: https://groups.io/mt/1/2',
        '-=-=-=-=-=-=-=-=-=-=-=-',
        '_______________________________________________',
        'Metrics-Grimoire mailing list',
        'Metrics-Grimoire at lists.libresoft.es',
        'https://lists.libresoft.es/listinfo/metrics-grimoire',
        '-------------- next part --------------',
        'An HTML attachment was scrubbed...',
        'URL: <http://lists.libresoft.es/pipermail/metrics-grimoire/attachments/20151114/35d7c818/attachment.htm>',
      ].join('\n'),
    );
    expect(body.blocks).toEqual([{ kind: 'paragraph', text: 'Real text.' }]);
    expect(body.onlineUrl).toBe('https://groups.io/g/main/message/123');
  });

  it('keeps a patch as one preformatted paragraph per hunk, across blank context lines, up to the "-- " signature', () => {
    expect(
      blocks([
        'Fix the loop.',
        '',
        'Signed-off-by: A <a@example.org>',
        '---',
        ' loop.c |    2 +-',
        '',
        'diff --git a/loop.c b/loop.c',
        'index 1..2 100644',
        '--- a/loop.c',
        '+++ b/loop.c',
        '@@ -1,3 +1,3 @@',
        ' int a;',
        '',
        '-int b;',
        '+long b;',
        '@@ -10,2 +10,2 @@',
        '-x();',
        '+y();',
        '-- ',
        '1.6.5.3',
      ]),
    ).toEqual([
      { kind: 'paragraph', text: 'Fix the loop.' },
      { kind: 'paragraph', text: 'Signed-off-by: A <a@example.org>' },
      { kind: 'paragraph', text: 'loop.c |    2 +-' },
      {
        kind: 'paragraph',
        text: 'diff --git a/loop.c b/loop.c\nindex 1..2 100644\n--- a/loop.c\n+++ b/loop.c\n@@ -1,3 +1,3 @@\n int a;\n\n-int b;\n+long b;',
      },
      { kind: 'paragraph', text: '@@ -10,2 +10,2 @@\n-x();\n+y();' },
    ]);
  });
});

describe('mail attribution lines', () => {
  it.each([
    ['On Sat, 2015-11-14 at 21:29 +0100, Andy Grunwald wrote:', 'Andy Grunwald'],
    ['2015-11-15 23:43 GMT+01:00 Jesus M. Gonzalez-Barahona <jgb at example.com>:', 'Jesus M. Gonzalez-Barahona'],
    ['Yesterday at 15:02, Simos Xenitellis wrote:', 'Simos Xenitellis'],
    ['Steve French <smfrench@gmail.com> wrote on 06/25/2010 04:05:30 PM:', 'Steve French'],
    ['Le 29/12/2011 11:13, Allan McRae a écrit :', 'Allan McRae'],
    ['À (At) 12:16 +0100 28/01/99, Marchal écrivait (wrote) :', 'Marchal'],
    ['Robin Hanson, <hanson.domain.name.hidden>, writes:', 'Robin Hanson'],
    ['In a message dated 99-06-05 08:27:11 EDT, dude.domain.name.hidden writes:', 'dude.domain.name.hidden'],
    ['On Tue, 17 Nov 2009 23:18:47 +0100, Jan Janak <jan at ryngle.com> wrote:', 'Jan Janak'],
    ['On Nov 17 Mark Brown wrote:', 'Mark Brown'],
    ["Excerpts from Stefan Schmidt's message of Thu Nov 26 09:17:15 +0100 2009:", 'Stefan Schmidt'],
    ['* Henrik Kretzschmar <henne@nachtwindheim.de> wrote:', 'Henrik Kretzschmar'],
    ['On Tue, 17 Nov 2009, <foo@bar.com> wrote:', 'foo@bar.com'],
    ['On Mon 2010-11-15 09:34:04, Joe Perches wrote:', 'Joe Perches'],
    ['And Bruno wrote:', 'Bruno'],
  ])('%s → %s', (line, name) => {
    expect(attributionName(line)).toBe(name);
  });

  it.each([
    'Here is what the manual says:',
    'he said:',
    'wrote:',
    'In message <0CE8B6BE3C4AD74A@CORPEXCH1.example.com> you wrote:',
    "DON'T READ:",
    'The patch below:',
  ])('%s is no attribution', (line) => {
    expect(attributionName(line, true)).toBeUndefined();
  });

  it('takes a bare "Name:" only as a paragraph of its own', () => {
    expect(attributionName('Wei Dai:', true)).toBe('Wei Dai');
    expect(attributionName('GH:', true)).toBe('GH');
    expect(attributionName('Wei Dai:')).toBeUndefined();
    expect(attributionName('Example:', true)).toBeUndefined();
  });
});

describe('mail subjects', () => {
  it('normalises reply markers, list tags and folded whitespace for threading', () => {
    expect(normalizeSubject('Re: [Metrics-grimoire] RE:  Docker\tand\n MetricsGrimoire')).toBe(
      'docker and metricsgrimoire',
    );
    expect(normalizeSubject('AW: Fwd: [notmuch] [PATCH 1/2] Close files')).toBe('close files');
    expect(threadTitle('Re: [notmuch] Re: [PATCH] Close   files')).toBe('[notmuch] [PATCH] Close files');
    expect(threadTitle('Re:')).toBe('(no subject)');
  });
});
