import { CruxError } from '../errors';
import type { ForumFormat, ParseInput } from '../importers/source-thread';
import type { TextEncodingName } from '../text/decode';
import { readText, type SourceInfo } from './source-file';

/** Formats that need a file whole (one saved page) refuse files larger than this rather than exhaust memory. */
export const MAX_WHOLE_TEXT_BYTES = 64 * 1024 * 1024;

/**
 * What a forum parser reads: the file decoded in chunks, or whole. `beforeChunk` runs as each chunk
 * is read, before the parser sees it (progress, cancellation).
 */
export function forumParseInput(
  source: SourceInfo,
  encoding: TextEncodingName,
  format: ForumFormat,
  beforeChunk: (bytesDone: number) => void,
): ParseInput {
  return {
    file: source.file,
    async *chunks() {
      for await (const { text, bytesDone } of readText(source, encoding)) {
        beforeChunk(bytesDone);
        yield text;
      }
    },
    async text() {
      if (source.size > MAX_WHOLE_TEXT_BYTES) {
        throw new CruxError(
          'bad-input',
          `${source.file}: too large for a ${format} page (${Math.round(source.size / 2 ** 20)} MB; the limit is ${MAX_WHOLE_TEXT_BYTES / 2 ** 20} MB)`,
        );
      }
      let text = '';
      for await (const chunk of this.chunks()) text += chunk;
      return text;
    },
  };
}
