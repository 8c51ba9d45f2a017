// A saved page as a DOM, and the few readings every page parser needs: an element's classes and
// text, a body as text blocks. Bodies go through htmlToBlocks, so nothing from the page is ever kept
// as markup.
import { selectAll, selectOne } from 'css-select';
import type { AnyNode, ChildNode, Document, Element } from 'domhandler';
import { getOuterHTML, removeElement, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { htmlToBlocks } from '../html-text';
import type { SourceBlock } from '../source-thread';

export interface Page {
  doc: Document;
  /** The raw text, for the comments and preambles a DOM query cannot see cheaply. */
  source: string;
}

/**
 * Real pages nest a few dozen levels. Far deeper trees (unclosed tags by the thousand, crafted files)
 * make selector matching quadratic and the recursive text reader overflow, so they are refused.
 */
const MAX_DEPTH = 1000;

export function loadPage(source: string): Page {
  const doc = parseDocument(source, { decodeEntities: true });
  if (!doc.children.some((n) => n.type === 'tag')) throw new Error('not an HTML page: it holds no markup');
  if (depthExceeds(doc, MAX_DEPTH)) throw new Error(NESTED_TOO_DEEPLY);
  return { doc, source };
}

const NESTED_TOO_DEEPLY = 'not a readable page: its elements are nested too deeply';

function depthExceeds(doc: Document, limit: number): boolean {
  const stack: [AnyNode, number][] = [[doc, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > limit) return true;
    if ('children' in node) for (const child of node.children) stack.push([child, depth + 1]);
  }
  return false;
}

/** The first element under `root` that matches the CSS selector. */
export function one(selector: string, root: AnyNode | AnyNode[]): Element | null {
  return selectOne<AnyNode, Element>(selector, root);
}

/** Every element under `root` that matches the CSS selector, in document order. */
export function all(selector: string, root: AnyNode | AnyNode[]): Element[] {
  return selectAll<AnyNode, Element>(selector, root);
}

export function classesOf(el: Element): string[] {
  return (el.attribs.class ?? '').split(/\s+/).filter(Boolean);
}

/** The element's text on one line, spaces collapsed. */
export function lineText(node: AnyNode | AnyNode[]): string {
  return textContent(node).replace(/\s+/g, ' ').trim();
}

export function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

/** Text blocks of these nodes, read by the shared HTML-to-text reader. */
export function blocksOf(nodes: ChildNode[]): SourceBlock[] {
  return nodes.length === 0 ? [] : htmlToBlocks(getOuterHTML(nodes));
}

/** Detaches elements the reader must not see (buttons' labels, signatures, profile boxes). */
export function detach(nodes: Iterable<ChildNode>): void {
  for (const node of [...nodes]) removeElement(node);
}

/**
 * Runs a page reader, turning the stack overflow a pathologically deep page causes in recursive DOM
 * walks into a message a user can act on.
 */
export function readingDeepPages<T>(read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof RangeError) throw new Error(NESTED_TOO_DEEPLY);
    throw err;
  }
}
