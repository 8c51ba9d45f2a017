// Which thread a message belongs to. A thread's identity is `mail:<list>:<root Message-ID>`, the root
// being the first id in References (else the In-Reply-To id, else the message itself), so replies
// imported from different files, months apart, land in the same thread. When a message names no ids,
// or (within one mailbox) ids that match nothing while its subject matches an earlier thread, the
// thread is found by subject and, when it starts there, named `mail:<list>:subject:<hash>`.
import { createHash } from 'node:crypto';
import type { SourceThread } from '../source-thread';

const REPLY_PREFIX = /^(?:re|aw|sv|vs|fwd?|wg|antw|tr)(?:\[\d+\]|\(\d+\))?\s*:\s*/i;
const TAG = /^\[[^\]]*\]\s*/;

/** A subject for matching: no Re:/Fwd:/AW: or [list] prefixes, whitespace (folded tabs too) collapsed, lower case. */
export function normalizeSubject(subject: string): string {
  let s = subject.replace(/\s+/g, ' ').trim();
  for (;;) {
    const next = s.replace(REPLY_PREFIX, '').replace(TAG, '');
    if (next === s) break;
    s = next;
  }
  return s.toLowerCase();
}

/** Whether the subject says the message answers another. */
export function isReplySubject(subject: string): boolean {
  let s = subject.replace(/\s+/g, ' ').trim();
  for (;;) {
    if (REPLY_PREFIX.test(s)) return true;
    const next = s.replace(TAG, '');
    if (next === s) return false;
    s = next;
  }
}

/** A thread's title: the subject without its reply markers; [list] and [PATCH] tags stay as written. */
export function threadTitle(subject: string): string {
  let rest = subject.replace(/\s+/g, ' ').trim();
  let kept = '';
  for (;;) {
    const prefix = REPLY_PREFIX.exec(rest);
    const tag = prefix ? null : TAG.exec(rest);
    if (prefix) rest = rest.slice(prefix[0].length);
    else if (tag) {
      kept += tag[0];
      rest = rest.slice(tag[0].length);
    } else break;
  }
  return (kept + rest).trim() || '(no subject)';
}

export function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 16);
}

/**
 * Message-IDs are unique across lists, so a thread rooted at one is the same thread whichever list
 * a copy came through: cross-posted messages and copies without a List-Id stay together.
 */
export function idIdentity(rootId: string): string {
  return `mail:${rootId}`;
}

export function subjectIdentity(list: string, normalizedSubject: string): string {
  return `mail:${list}:subject:${shortHash(normalizedSubject)}`;
}

/** What threading needs to know of a message. */
export interface ThreadingFacts {
  key: string;
  /** References then In-Reply-To, root first, only tokens that look like Message-IDs. */
  ancestors: readonly string[];
  subject: string;
  list: string | null;
  permalink: string | null;
}

/** The thread of a message seen on its own (a Maildir file): only its own headers decide. */
export function standaloneThread(facts: ThreadingFacts): SourceThread {
  const list = facts.list ?? 'mbox';
  const normalized = normalizeSubject(facts.subject);
  let identity: string;
  if (facts.ancestors.length > 0) identity = idIdentity(facts.ancestors[0]!);
  else if (isReplySubject(facts.subject) && normalized !== '') identity = subjectIdentity(list, normalized);
  else identity = idIdentity(facts.key);
  return {
    identity,
    title: threadTitle(facts.subject),
    url: facts.ancestors.length === 0 ? facts.permalink : null,
    format: 'mail',
  };
}

/**
 * Threads of one mailbox read in file order. Memory: one map entry per Message-ID seen (own ids and
 * the ids they reference) and one per distinct subject, all pointing at shared thread objects; bodies
 * are never kept.
 */
export class MailboxThreads {
  private readonly byId = new Map<string, SourceThread>();
  private readonly bySubject = new Map<string, SourceThread>();

  threadOf(given: ThreadingFacts): SourceThread {
    // Kept for the whole file: copies, never slices of the 1 MiB chunk the headers were read from
    // (a slice keeps its whole chunk alive).
    const facts = {
      ...given,
      key: detach(given.key),
      ancestors: given.ancestors.map(detach),
    };
    const normalized = detach(normalizeSubject(facts.subject));
    const isReply = facts.ancestors.length > 0 || isReplySubject(facts.subject);
    let thread = this.known(facts);
    if (!thread && isReply && normalized !== '') thread = this.bySubject.get(normalized);
    if (!thread) {
      const made = standaloneThread(facts);
      thread = {
        ...made,
        identity: detach(made.identity),
        title: detach(made.title),
        url: made.url && detach(made.url),
      };
    }
    this.byId.set(facts.key, thread);
    for (const id of facts.ancestors) if (!this.byId.has(id)) this.byId.set(id, thread);
    if (normalized !== '' && !this.bySubject.has(normalized)) this.bySubject.set(normalized, thread);
    return thread;
  }

  private known(facts: ThreadingFacts): SourceThread | undefined {
    for (const id of facts.ancestors) {
      const thread = this.byId.get(id);
      if (thread) return thread;
    }
    // A reply seen earlier in the file (an out-of-order mailbox) already placed this message.
    return this.byId.get(facts.key);
  }
}

/** A flat copy of a string that may be a slice of a much larger one. */
export function detach(s: string): string {
  return s.length === 0 ? s : Buffer.from(s, 'utf8').toString('utf8');
}
