// A note's state as Markdown, written from the serialised tree: building Lexical nodes to run
// Lexical's exporter would cost several times the whole of this. The output reads back through
// markdownToNote into the same note (so exporting twice gives the same bytes), and renders as the
// note under CommonMark: user text is escaped (escapes.ts), inline content placed with care
// (inline-markdown.ts), and blocks written the way Lexical's importer reads them.
import type { CitedPassage } from '../../../shared/model/notebook';
import { escapeText, isScriptUrl, linkDestination } from './escapes';
import { writeInline } from './inline-markdown';
import type { PassageReference } from './note-state';
import { PASSAGE_REFERENCE_TYPE } from './nodes';
import { childrenOf, nodeState, numberField, spanField, stringField, type StateNode } from './state-tree';

export interface WriteOptions {
  /** Given, passage references are written out as quotations, trail references as titles. */
  cite?: (ref: PassageReference) => CitedPassage | null;
}

export function writeMarkdown(root: StateNode, options: WriteOptions = {}): string {
  const blocks: string[] = [];
  let lists: StateNode[] = [];
  const writeLists = (): void => {
    for (const list of readableLists(lists, options)) blocks.push(writeList(list, 0, options));
    lists = [];
  };
  for (const node of childrenOf(root)) {
    if (node.type === 'list') {
      lists.push(node);
      continue;
    }
    const markdown = writeBlock(node, options);
    if (markdown === '') continue;
    writeLists();
    blocks.push(markdown);
  }
  writeLists();
  return blocks.filter((block) => block !== '').join('\n\n');
}

function writeBlock(node: StateNode, options: WriteOptions): string {
  switch (node.type) {
    case 'paragraph':
      return writeInline(childrenOf(node), 'block', documentForm(options));
    case 'heading': {
      const text = writeInline(childrenOf(node), 'heading', documentForm(options));
      // A heading's closing run of #s is dropped by CommonMark; escaped, it is text.
      return text === '' ? '' : `${'#'.repeat(headingLevel(node))} ${text.replace(/(^|[ \t])(#+[ \t]*)$/, '$1\\$2')}`;
    }
    case 'quote': {
      const text = writeInline(childrenOf(node), 'block', documentForm(options));
      return text === '' ? '' : quoteLines(text, '> ');
    }
    case 'list':
      return readableLists([node], options)
        .map((list) => writeList(list, 0, options))
        .join('\n\n');
    case 'code':
      return writeCodeBlock(node);
    case PASSAGE_REFERENCE_TYPE:
      return options.cite ? writeCitation(node, options.cite) : passageReferenceSource(node);
    default:
      throw new Error(`a note state cannot hold a "${node.type}" block`);
  }
}

function headingLevel(node: StateNode): number {
  return Number(/^h([1-6])$/.exec(stringField(node, 'tag') ?? '')?.[1] ?? 1);
}

function documentForm(options: WriteOptions): boolean {
  return options.cite !== undefined;
}

/** `emptyLine` is '> ' where the quotation must read back: Lexical's importer takes a bare `>` for text. */
function quoteLines(text: string, emptyLine = '>'): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? emptyLine : `> ${line}`))
    .join('\n');
}

// Lexical's list export indents a level by four spaces, which every reader takes as nesting.
const LIST_INDENT = '    ';

function writeList(list: StateNode, depth: number, options: WriteOptions): string {
  const type = stringField(list, 'listType');
  let number = numberField(list, 'start') ?? 1;
  const lines: string[] = [];
  // The lists in items that show nothing belong to the item above, where they read back as one.
  let sublists: StateNode[] = [];
  const writeSublists = (): void => {
    for (const sublist of readableLists(sublists, options)) lines.push(writeList(sublist, depth + 1, options));
    sublists = [];
  };
  for (const item of childrenOf(list)) {
    const text = itemText(item, options);
    // An empty item is left out: CommonMark reads one after a paragraph as that paragraph's text.
    if (text !== '') {
      writeSublists();
      const marker =
        type === 'number' ? `${number++}. ` : type === 'check' ? `- [${item.checked === true ? 'x' : ' '}] ` : '- ';
      lines.push(LIST_INDENT.repeat(depth) + marker + text);
    }
    sublists.push(...childrenOf(item).filter((child) => child.type === 'list'));
  }
  writeSublists();
  return lines.join('\n');
}

function itemText(item: StateNode, options: WriteOptions): string {
  return writeInline(
    childrenOf(item).filter((child) => child.type !== 'list'),
    'item',
    documentForm(options),
  );
}

/**
 * Lists as they will read back. Lexical's importer, like CommonMark, joins lists of one type that
 * nothing separates, so they are written as one, numbered on from the first. And a list starts
 * with an item that shows something: a list inside a first item that shows nothing has no item to
 * belong to (and, indented, would read as code), so it moves up a level.
 */
function readableLists(lists: StateNode[], options: WriteOptions): StateNode[] {
  const readable: StateNode[] = [];
  const add = (list: StateNode): void => {
    const last = readable.at(-1);
    if (last && last.listType === list.listType) last.children!.push(...childrenOf(list));
    else readable.push({ ...list, children: [...childrenOf(list)] });
  };
  for (const list of lists) {
    const items = childrenOf(list);
    let first = 0;
    for (; first < items.length && itemText(items[first]!, options) === ''; first++) {
      const sublists = childrenOf(items[first]!).filter((child) => child.type === 'list');
      readableLists(sublists, options).forEach(add);
    }
    if (first < items.length) add({ ...list, children: items.slice(first) });
  }
  return readable;
}

function writeCodeBlock(node: StateNode): string {
  // Lexical's importer drops blank lines at the end of a code block.
  const code = codeText(node).replace(/\n+$/, '');
  // The fence must be longer than any run of backticks inside, or that run would close it.
  const longestRun = Math.max(2, ...(code.match(/`{3,}/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const language = stringField(node, 'language') ?? '';
  const meta = nodeState(node, 'mdCodeMeta');
  // The info string is one line without backticks, or the fence would not open.
  const info = /^[\w-]+$/.test(language)
    ? language + (typeof meta === 'string' && /^[^`\r\n]+$/.test(meta.trim()) ? ' ' + meta.trim() : '')
    : '';
  return `${fence}${info}\n${code === '' ? '' : code + '\n'}${fence}`;
}

function codeText(node: StateNode): string {
  let text = '';
  for (const child of childrenOf(node)) {
    if (child.type === 'linebreak') text += '\n';
    else text += stringField(child, 'text') ?? '';
  }
  return text.replace(/\r\n?/g, '\n');
}

function passageReferenceSource(node: StateNode): string {
  const span = spanField(node);
  return `[[passage:${numberField(node, 'passageId')}${span ? `:${span.start}-${span.end}` : ''}]]`;
}

/** A quotation of the cited words and a line saying whose they are and where they were written. */
function writeCitation(node: StateNode, cite: NonNullable<WriteOptions['cite']>): string {
  const cited = cite({ passageId: numberField(node, 'passageId') ?? 0, span: spanField(node) });
  const shown = cited ?? {
    text: stringField(node, 'text') ?? '',
    author: stringField(node, 'author'),
    threadTitle: stringField(node, 'threadTitle') ?? '',
    permalink: stringField(node, 'permalink'),
  };
  const deleted = cited === null || cited.gone;
  const title = escapeText(shown.threadTitle.trim() || 'untitled thread', false);
  const source =
    shown.permalink && !isScriptUrl(shown.permalink) ? `[${title}](${linkDestination(shown.permalink)})` : title;
  const author = shown.author?.trim() ? `${escapeText(shown.author.trim(), false)}, ` : '';
  const attribution = `— ${author}${source}${deleted ? ' (source deleted)' : ''}`;
  const quoted = shown.text.trim() === '' ? '' : escapeText(shown.text.replace(/\r\n?/g, '\n').trim(), true);
  return quoteLines(quoted === '' ? attribution : `${quoted}\n\n${attribution}`);
}
