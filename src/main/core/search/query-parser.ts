// The query language people type into the search box, parsed without ever failing: whatever the
// input, the result is a well-formed query, possibly empty. Nothing here knows about FTS5 syntax;
// match-expression.ts turns the AST into a MATCH string in which every token is quoted.
//
//   words        all must occur                     alignment optimizer
//   "a phrase"   these words, in this order          "mesa optimizer"
//   prefix*      any word starting so                optim*
//   -word        must not occur (also -"phrase", -pre*)
//   a OR b       either (binds tighter than the implicit AND: `a OR b c` is (a OR b) AND c)
//   thread:12    only passages of thread 12          (several thread: filters mean any of them)
//   author:NAME  only passages whose post has this author, ignoring case; author:"Jane Doe"
//   -thread:12, -author:NAME  exclude them
//
// Anything else is text: `AND` is dropped (it is the default), `NOT x` means `-x`, parentheses,
// `NEAR(` and stray operators are ignored.

export type Term = WordTerm | PhraseTerm;

export interface WordTerm {
  kind: 'word';
  /** As typed, minus operators: may still hold punctuation ("don't"), which FTS5 tokenizes. */
  text: string;
  prefix: boolean;
}

export interface PhraseTerm {
  kind: 'phrase';
  text: string;
}

/** Alternatives joined by OR; a clause with one term is a plain required term. */
export interface Clause {
  anyOf: Term[];
}

export interface Filters {
  threads: number[];
  notThreads: number[];
  authors: string[];
  notAuthors: string[];
}

export interface QueryAst {
  /** Every clause must match. */
  required: Clause[];
  /** No passage containing any of these is returned. */
  excluded: Term[];
  filters: Filters;
}

/** A paste of a whole page is searched by its first words: beyond this many terms, FTS5 work grows for nothing. */
export const MAX_TERMS = 64;
/** Longer "words" are not language (base64, hashes); they are cut rather than refused. */
export const MAX_WORD_LENGTH = 100;
const MAX_THREAD_ID = Number.MAX_SAFE_INTEGER;

type Lexeme =
  | { type: 'term'; term: Term; negated: boolean }
  | { type: 'or' }
  | { type: 'filter'; key: 'thread' | 'author'; value: string; negated: boolean };

export function emptyQuery(): QueryAst {
  return { required: [], excluded: [], filters: { threads: [], notThreads: [], authors: [], notAuthors: [] } };
}

export function isEmptyQuery(q: QueryAst): boolean {
  const f = q.filters;
  return (
    q.required.length === 0 &&
    q.excluded.length === 0 &&
    f.threads.length + f.notThreads.length + f.authors.length + f.notAuthors.length === 0
  );
}

export function parseQuery(input: string): QueryAst {
  const query = emptyQuery();
  const lexemes = lex(clean(input));
  let terms = 0;
  // OR joins two positive terms standing right next to it; a leading, trailing or doubled OR is noise.
  let afterPositive = false;
  let pendingOr = false;
  for (const lexeme of lexemes) {
    if (lexeme.type === 'or') {
      pendingOr = afterPositive;
      continue;
    }
    if (lexeme.type === 'filter') {
      addFilter(query.filters, lexeme);
      afterPositive = pendingOr = false;
      continue;
    }
    if (terms >= MAX_TERMS) continue;
    terms++;
    if (lexeme.negated) {
      query.excluded.push(lexeme.term);
      afterPositive = pendingOr = false;
      continue;
    }
    const previous = query.required[query.required.length - 1];
    if (pendingOr && previous) previous.anyOf.push(lexeme.term);
    else query.required.push({ anyOf: [lexeme.term] });
    afterPositive = true;
    pendingOr = false;
  }
  return dedupe(query);
}

/** Control characters and the like become spaces: they cannot be typed on purpose, and NUL ends C strings. */
function clean(input: string): string {
  // eslint-disable-next-line no-control-regex
  return input.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
}

function lex(s: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  let negateNext = false;
  while (i < s.length) {
    const ch = s[i]!;
    if (isSpace(ch) || ch === '(' || ch === ')') {
      i++;
      continue;
    }
    let negated = negateNext;
    negateNext = false;
    while (s[i] === '-' || s[i] === '\u2212') {
      negated = true;
      i++;
    }
    if (i >= s.length) break;
    if (isQuote(s[i]!)) {
      const close = findClosingQuote(s, i + 1);
      const text = s.slice(i + 1, close).trim();
      i = close + 1;
      // A trailing * after a phrase has no clear meaning here; it is dropped.
      while (s[i] === '*') i++;
      if (text.length > 0) out.push({ type: 'term', term: { kind: 'phrase', text: limitWords(text) }, negated });
      continue;
    }
    if (isSpace(s[i]!) || s[i] === '(' || s[i] === ')') continue;
    let j = i;
    while (j < s.length && !isSpace(s[j]!) && s[j] !== '(' && s[j] !== ')' && !isQuote(s[j]!)) j++;
    const word = s.slice(i, j);
    i = j;
    const filter = /^(thread|author):(.*)$/i.exec(word);
    if (filter) {
      const key = filter[1]!.toLowerCase() as 'thread' | 'author';
      let value = filter[2]!;
      if (key === 'author' && value === '' && isQuote(s[i] ?? '')) {
        const close = findClosingQuote(s, i + 1);
        value = s.slice(i + 1, close);
        i = close + 1;
      }
      value = value.trim();
      if (key === 'thread' ? /^\d{1,16}$/.test(value) && Number(value) > 0 && Number(value) <= MAX_THREAD_ID : value) {
        out.push({ type: 'filter', key, value, negated });
        continue;
      }
      // Not a usable filter (thread:abc, author:): the words are searched as text instead.
    }
    if (!negated && word === 'OR') {
      out.push({ type: 'or' });
      continue;
    }
    // FTS5's NEAR(a b) group has no meaning here: its words are searched like any others.
    if (word === 'AND' || (word === 'NEAR' && s[i] === '(')) continue;
    if (word === 'NOT') {
      negateNext = true;
      continue;
    }
    const prefix = /[^*]\*+$/.test(word);
    const text = word.replace(/\*+$/, '').replace(/\*/g, ' ').trim();
    if (text.length === 0) continue;
    out.push({ type: 'term', term: { kind: 'word', text: text.slice(0, MAX_WORD_LENGTH), prefix }, negated });
  }
  return out;
}

function addFilter(f: Filters, l: Extract<Lexeme, { type: 'filter' }>): void {
  if (l.key === 'thread') (l.negated ? f.notThreads : f.threads).push(Number(l.value));
  else (l.negated ? f.notAuthors : f.authors).push(l.value);
}

function dedupe(q: QueryAst): QueryAst {
  const key = (t: Term): string => `${t.kind}\u0000${t.text}\u0000${t.kind === 'word' && t.prefix}`;
  const seenClauses = new Set<string>();
  const required: Clause[] = [];
  for (const c of q.required) {
    const seen = new Set<string>();
    const anyOf = c.anyOf.filter((t) => !seen.has(key(t)) && seen.add(key(t)));
    const k = anyOf.map(key).join('\u0001');
    if (!seenClauses.has(k)) {
      seenClauses.add(k);
      required.push({ anyOf });
    }
  }
  const seenExcluded = new Set<string>();
  const excluded = q.excluded.filter((t) => !seenExcluded.has(key(t)) && seenExcluded.add(key(t)));
  const f = q.filters;
  const uniq = <T>(xs: T[]): T[] => [...new Set(xs)];
  return {
    required,
    excluded,
    filters: {
      threads: uniq(f.threads),
      notThreads: uniq(f.notThreads),
      authors: uniq(f.authors),
      notAuthors: uniq(f.notAuthors),
    },
  };
}

function limitWords(phrase: string): string {
  return phrase
    .split(/\s+/)
    .slice(0, MAX_TERMS)
    .map((w) => w.slice(0, MAX_WORD_LENGTH))
    .join(' ');
}

function findClosingQuote(s: string, from: number): number {
  for (let k = from; k < s.length; k++) if (isQuote(s[k]!)) return k;
  // An unclosed quote runs to the end, as most search boxes read it.
  return s.length;
}

function isQuote(ch: string): boolean {
  return ch === '"' || ch === '\u201C' || ch === '\u201D' || ch === '\u201E' || ch === '\u00AB' || ch === '\u00BB';
}

function isSpace(ch: string): boolean {
  return /\s/.test(ch);
}
