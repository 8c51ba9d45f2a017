// The Lexical nodes a note is made of: the rich-text nodes Lexical ships, and two of ours that cite
// the library. Kept free of Node and store code so that the desktop editor can register the same
// classes; it adds createDOM/decorate by node replacement, since what a reference looks like on
// screen is the renderer's business and a headless editor never draws anything.
import { CodeHighlightNode, CodeNode } from '@lexical/code-core';
import { LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import {
  $applyNodeReplacement,
  DecoratorNode,
  type Klass,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
  type SerializedPartial,
} from 'lexical';
import type { Span } from '../../../shared/model/notebook';

/** What a passage reference showed when it was made, so the note reads right after the thread is deleted. */
export interface PassageSnapshot {
  text: string;
  author: string | null;
  threadTitle: string;
  permalink: string | null;
}

export interface SerializedPassageReferenceNode extends SerializedLexicalNode, PassageSnapshot {
  passageId: number;
  span: Span | null;
}

export interface SerializedTrailReferenceNode extends SerializedLexicalNode {
  trailId: number;
  title: string;
}

export const PASSAGE_REFERENCE_TYPE = 'passage-reference';
export const TRAIL_REFERENCE_TYPE = 'trail-reference';

/** A cited passage, on a block of its own: it reads as a quotation, not as a word in a sentence. */
export class PassageReferenceNode extends DecoratorNode<null> {
  __passageId: number;
  __span: Span | null;
  __snapshot: PassageSnapshot;

  static override getType(): string {
    return PASSAGE_REFERENCE_TYPE;
  }

  static override clone(node: PassageReferenceNode): PassageReferenceNode {
    return new PassageReferenceNode(node.__passageId, node.__span, node.__snapshot, node.__key);
  }

  // parseNoteState has checked untrusted JSON before Lexical reads it; the defaults are for
  // Lexical's compact form, which leaves out empty values.
  static override importJSON(json: SerializedPartial<SerializedPassageReferenceNode>): PassageReferenceNode {
    return $createPassageReferenceNode(json.passageId ?? 0, json.span ?? null, {
      text: json.text ?? '',
      author: json.author ?? null,
      threadTitle: json.threadTitle ?? '',
      permalink: json.permalink ?? null,
    });
  }

  constructor(passageId: number, span: Span | null, snapshot: PassageSnapshot, key?: NodeKey) {
    super(key);
    this.__passageId = passageId;
    this.__span = span;
    this.__snapshot = snapshot;
  }

  override exportJSON(): SerializedPassageReferenceNode {
    const { text, author, threadTitle, permalink } = this.__snapshot;
    return {
      type: PASSAGE_REFERENCE_TYPE,
      version: 1,
      passageId: this.__passageId,
      span: this.__span && { start: this.__span.start, end: this.__span.end },
      text,
      author,
      threadTitle,
      permalink,
    };
  }

  getPassageId(): number {
    return this.getLatest().__passageId;
  }

  getSpan(): Span | null {
    return this.getLatest().__span;
  }

  getSnapshot(): PassageSnapshot {
    return this.getLatest().__snapshot;
  }

  override getTextContent(): string {
    return this.getLatest().__snapshot.text;
  }

  override isInline(): false {
    return false;
  }

  override decorate(): null {
    return null;
  }
}

/** A mention of a trail inside a sentence. */
export class TrailReferenceNode extends DecoratorNode<null> {
  __trailId: number;
  __title: string;

  static override getType(): string {
    return TRAIL_REFERENCE_TYPE;
  }

  static override clone(node: TrailReferenceNode): TrailReferenceNode {
    return new TrailReferenceNode(node.__trailId, node.__title, node.__key);
  }

  static override importJSON(json: SerializedPartial<SerializedTrailReferenceNode>): TrailReferenceNode {
    return $createTrailReferenceNode(json.trailId ?? 0, json.title ?? '');
  }

  constructor(trailId: number, title: string, key?: NodeKey) {
    super(key);
    this.__trailId = trailId;
    this.__title = title;
  }

  override exportJSON(): SerializedTrailReferenceNode {
    return { type: TRAIL_REFERENCE_TYPE, version: 1, trailId: this.__trailId, title: this.__title };
  }

  getTrailId(): number {
    return this.getLatest().__trailId;
  }

  getTitle(): string {
    return this.getLatest().__title;
  }

  override getTextContent(): string {
    return this.getLatest().__title;
  }

  override isInline(): true {
    return true;
  }

  override decorate(): null {
    return null;
  }
}

export function $createPassageReferenceNode(
  passageId: number,
  span: Span | null,
  snapshot: PassageSnapshot,
): PassageReferenceNode {
  return $applyNodeReplacement(new PassageReferenceNode(passageId, span, snapshot));
}

export function $isPassageReferenceNode(node: LexicalNode | null | undefined): node is PassageReferenceNode {
  return node instanceof PassageReferenceNode;
}

export function $createTrailReferenceNode(trailId: number, title: string): TrailReferenceNode {
  return $applyNodeReplacement(new TrailReferenceNode(trailId, title));
}

export function $isTrailReferenceNode(node: LexicalNode | null | undefined): node is TrailReferenceNode {
  return node instanceof TrailReferenceNode;
}

/** Every node class an editor holding notes registers. */
export const NOTE_NODES: readonly Klass<LexicalNode>[] = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  CodeNode,
  CodeHighlightNode,
  PassageReferenceNode,
  TrailReferenceNode,
];
