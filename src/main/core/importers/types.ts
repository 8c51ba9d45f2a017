import type { Block } from '../quotes/reconstructor';

export type { Block };

/** Turns decoded text, fed in chunks, into blocks. Parsers are pure: no I/O. */
export interface BlockParser {
  push(text: string): Block[];
  end(): Block[];
  /** A title the source itself gives (a leading Markdown heading), once known. */
  readonly title: string | undefined;
}
