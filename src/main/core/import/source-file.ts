import { createHash, webcrypto } from 'node:crypto';
import fs from 'node:fs/promises';
import { CruxError } from '../errors';
import { looksBinary, sniffEncoding, StreamDecoder, type TextEncodingName } from '../text/decode';

export const CHUNK_BYTES = 1 << 20;
const HEAD_BYTES = 64 * 1024;

export interface SourceInfo {
  /** How messages name the file: its path, or `archive.zip/inner/name` for a file from an archive. */
  file: string;
  /** Where its bytes are read from. */
  path: string;
  size: number;
  contentHash: string;
  encoding: TextEncodingName;
  bomLength: number;
  /** The opening text, decoded leniently, for format detection. */
  head: string;
}

/** Checks that a file is a readable, non-empty text file and reads what deciding how to import it needs. */
export async function inspectSource(readFrom: string, file = readFrom): Promise<SourceInfo> {
  const stat = await fs.stat(readFrom).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') throw new CruxError('bad-input', `${file}: no such file`);
    if (e.code === 'EACCES') throw new CruxError('bad-input', `${file}: permission denied`);
    throw new CruxError('bad-input', `${file}: cannot be read (${e.message})`);
  });
  if (stat.isDirectory()) throw new CruxError('bad-input', `${file}: is a folder; give the files inside it`);
  if (!stat.isFile()) throw new CruxError('bad-input', `${file}: is not a regular file`);
  if (stat.size === 0) throw new CruxError('bad-input', `${file}: is empty`);

  const { headBytes, contentHash } = await readHeadAndHash(readFrom, stat.size, (head) => {
    // The opening alone decides that a file is not text, before a large one is read through.
    if (sniffEncoding(head).encoding === 'utf-8' && looksBinary(head)) {
      throw new CruxError('bad-input', `${file}: looks like a binary file, not text`);
    }
  });
  const { encoding, bomLength } = sniffEncoding(headBytes);
  const head = new TextDecoder(encoding === 'utf-8' ? 'utf-8' : encoding).decode(headBytes.subarray(bomLength));
  return { file, path: readFrom, size: stat.size, contentHash, encoding, bomLength, head };
}

/** Files up to this size are hashed whole, off the calling thread (WebCrypto digests on libuv's pool). */
const HASH_WHOLE_BYTES = 16 * 1024 * 1024;

/**
 * The file's opening (checked by `checkHead` before anything more is read) and the SHA-256 of all its
 * bytes. A folder of small files is inspected while the import's thread stores the one before, so a
 * small file is hashed on the thread pool; a large one is streamed through the hash here.
 */
async function readHeadAndHash(
  file: string,
  size: number,
  checkHead: (head: Uint8Array) => void,
): Promise<{ headBytes: Uint8Array; contentHash: string }> {
  if (size <= HASH_WHOLE_BYTES) {
    const bytes = await fs.readFile(file);
    const headBytes = bytes.subarray(0, HEAD_BYTES);
    checkHead(headBytes);
    const digest = await webcrypto.subtle.digest('SHA-256', bytes);
    return { headBytes, contentHash: Buffer.from(digest).toString('hex') };
  }
  let headBytes: Uint8Array | undefined;
  const hash = createHash('sha256');
  for await (const chunk of readChunks(file)) {
    if (!headBytes) {
      // A copy: the chunk is a view of the buffer the next read overwrites.
      headBytes = Uint8Array.from(chunk.subarray(0, HEAD_BYTES));
      checkHead(headBytes);
    }
    hash.update(chunk);
  }
  return { headBytes: headBytes ?? new Uint8Array(0), contentHash: hash.digest('hex') };
}

/** The file's bytes from `from`, chunk by chunk, in one buffer reused for every read: a chunk is valid until the next one is asked for. */
async function* readChunks(file: string, from = 0): AsyncGenerator<Uint8Array> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    for (let position = from; ;) {
      const { bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** Decoded text of the file, chunk by chunk, with the byte count read so far. */
export async function* readText(
  source: SourceInfo,
  encoding: TextEncodingName,
): AsyncGenerator<{ text: string; bytesDone: number }> {
  const decoder = new StreamDecoder(encoding);
  let bytesDone = source.bomLength;
  for await (const chunk of readChunks(source.path, source.bomLength)) {
    bytesDone += chunk.length;
    yield { text: decoder.decode(chunk, false), bytesDone };
  }
  yield { text: decoder.decode(new Uint8Array(0), true), bytesDone };
}
