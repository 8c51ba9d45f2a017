import {
  MATCH_END,
  MATCH_START,
  type SearchResult,
  type ThreadSummary,
  type ThreadView,
} from '../../shared/model/library';

/** Snippet markers as a terminal shows them (bold inverse), or as `**…**` in plain output and JSON. */
export function markMatches(snippet: string, tty: boolean): string {
  const [open, close] = tty ? ['\x1b[1;7m', '\x1b[0m'] : ['**', '**'];
  return snippet.split(MATCH_START).join(open).split(MATCH_END).join(close);
}

/** Terminal control characters in imported text must never reach the terminal as commands. */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const control = (c < 0x20 && c !== 0x09 && c !== 0x0a) || (c >= 0x7f && c <= 0x9f);
    out += control ? '\uFFFD' : ch;
  }
  return out;
}

export function renderThreads(threads: readonly ThreadSummary[]): string {
  if (threads.length === 0) return 'The library is empty. Import a thread with: crux import <file>\n';
  const rows = threads.map((t) => [
    String(t.id),
    printable(t.title),
    t.format,
    String(t.posts),
    String(t.passages),
    t.importedAt.slice(0, 16).replace('T', ' '),
  ]);
  const header = ['id', 'title', 'format', 'posts', 'passages', 'imported'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** A thread as a conversation: each passage under the words it answers, shown as `>` lines. */
export function renderThread(view: ThreadView): string {
  const texts = new Map<number, string>();
  for (const post of view.posts) for (const p of post.passages) texts.set(p.id, p.text);
  const out: string[] = [
    `# ${printable(view.thread.title)}`,
    `thread ${view.thread.id} · ${view.thread.format} · ${printable(view.thread.source)}`,
    '',
  ];
  view.posts.forEach((post, i) => {
    const who = [post.author, post.postedAt].filter(Boolean).join(', ');
    out.push(`── post ${i + 1}${who ? ` · ${printable(who)}` : ''} ${'─'.repeat(40)}`, '');
    for (const passage of post.passages) {
      for (const link of passage.respondsTo.filter((l) => l.kind === 'quote')) {
        const quoted = (texts.get(link.passageId) ?? '').slice(link.start, link.end);
        out.push(`> ${printable(quoted)}  [#${link.passageId}]`);
      }
      const embeds = passage.respondsTo.filter((l) => l.kind === 'embedded').map((l) => `#${l.passageId}`);
      out.push(
        `[#${passage.id}] ${printable(passage.text)}${embeds.length ? `  (quotes ${embeds.join(', ')})` : ''}`,
        '',
      );
    }
  });
  return out.join('\n');
}

export function renderSearch(query: string, result: SearchResult, offset: number, tty: boolean): string {
  const out: string[] = [];
  if (result.expandedWith.length) out.push(`(also searched for: ${result.expandedWith.join(', ')})`);
  if (result.total === 0) {
    out.push(`Nothing matches ${JSON.stringify(query)}.`);
  } else {
    const last = offset + result.hits.length;
    out.push(
      `${result.total} result${result.total === 1 ? ' matches' : 's match'} ${JSON.stringify(query)}; showing ${offset + 1}–${last}:`,
    );
  }
  result.hits.forEach((hit, i) => {
    if (hit.kind === 'note') {
      out.push(
        '',
        `${offset + i + 1}. your note #${hit.noteId}: ${printable(hit.title)} · score ${hit.score.toFixed(2)}`,
      );
    } else {
      const who = hit.author ? ` · ${printable(hit.author)}` : '';
      out.push(
        '',
        `${offset + i + 1}. ${printable(hit.threadTitle)}${who} · passage #${hit.passageId} (thread ${hit.threadId}) · score ${hit.score.toFixed(2)}`,
      );
    }
    out.push(`   ${markMatches(printable(hit.snippet), tty)}`);
  });
  if (result.suggestions.length) out.push('', `Did you mean: ${result.suggestions.join(', ')}?`);
  return out.join('\n') + '\n';
}
