import type { ForumParser, SourceEvent, SourcePost, SourceThread } from '../../src/main/core/importers/source-thread';

/** Every event a parser yields for `text`, fed in chunks of `chunkSize` characters as the pipeline would. */
export async function parseEvents(
  parser: ForumParser,
  text: string,
  options: { file?: string; chunkSize?: number } = {},
): Promise<SourceEvent[]> {
  const chunkSize = options.chunkSize ?? 64 * 1024;
  const input = {
    file: options.file ?? 'input',
    text: async () => text,
    async *chunks() {
      for (let i = 0; i < text.length; i += chunkSize) yield text.slice(i, i + chunkSize);
    },
  };
  const events: SourceEvent[] = [];
  for await (const event of parser.parse(input)) events.push(event);
  return events;
}

export const postsOf = (events: SourceEvent[]): SourcePost[] =>
  events.flatMap((e) => (e.kind === 'post' ? [e.post] : []));
export const threadsOf = (events: SourceEvent[]): SourceThread[] =>
  events.flatMap((e) => (e.kind === 'thread' ? [e.thread] : []));
export const warningsOf = (events: SourceEvent[]): string[] =>
  events.flatMap((e) => (e.kind === 'warning' ? [e.message] : []));
