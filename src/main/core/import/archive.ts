import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';
import { CruxError } from '../errors';

/** More than this, unpacked, and an archive is refused as a likely zip bomb. */
export const MAX_ARCHIVE_BYTES = 1024 * 1024 * 1024;
/** An entry this much larger unpacked than packed is a bomb, not text (text packs 3–10×). */
export const MAX_COMPRESSION_RATIO = 200;

export function isZip(head: Uint8Array): boolean {
  return (
    head[0] === 0x50 &&
    head[1] === 0x4b &&
    (head[2] === 0x03 || head[2] === 0x05) &&
    (head[3] === 0x04 || head[3] === 0x06)
  );
}

export interface Unpacked {
  /** Files in archive order: where they were unpacked, and how to name them to the user. */
  files: { path: string; name: string }[];
  dispose(): void;
}

/**
 * Unpacks an archive's files into a private temporary folder, after checking every entry: a path
 * that would leave the folder (zip-slip) or sizes that add up to a bomb refuse the whole archive
 * before anything is written. Sizes are checked again while unpacking, so lying headers fail too.
 */
export async function unpackArchive(archive: string): Promise<Unpacked> {
  const zip = await open(archive);
  const entries = await listEntries(zip, archive);
  const files = entries.filter((e) => !e.fileName.endsWith('/'));
  const total = files.reduce((n, e) => n + e.uncompressedSize, 0);
  if (total > MAX_ARCHIVE_BYTES) {
    zip.close();
    throw new CruxError(
      'bad-input',
      `${archive}: refused: it unpacks to ${mb(total)}, over the ${mb(MAX_ARCHIVE_BYTES)} limit`,
    );
  }
  const bomb = files.find(
    (e) => e.uncompressedSize > 1024 * 1024 && e.uncompressedSize > e.compressedSize * MAX_COMPRESSION_RATIO,
  );
  if (bomb) {
    zip.close();
    throw new CruxError(
      'bad-input',
      `${archive}: refused: ${bomb.fileName} expands ${Math.round(bomb.uncompressedSize / Math.max(1, bomb.compressedSize))}× (a zip bomb?)`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crux-archive-'));
  const dispose = (): void => fs.rmSync(dir, { recursive: true, force: true });
  try {
    const out: Unpacked['files'] = [];
    for (const [i, entry] of files.entries()) {
      // Our own file names: nothing from the archive decides where bytes land.
      const target = path.join(dir, `${String(i).padStart(5, '0')}${path.extname(entry.fileName).slice(0, 12)}`);
      const stream = await openEntry(zip, entry);
      await pipeline(stream, fs.createWriteStream(target, { flags: 'wx' }));
      out.push({ path: target, name: `${archive}/${entry.fileName}` });
    }
    zip.close();
    return { files: out, dispose };
  } catch (e) {
    zip.close();
    dispose();
    if (e instanceof CruxError) throw e;
    throw new CruxError('bad-input', `${archive}: not a readable archive (${(e as Error).message})`);
  }
}

function open(archive: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(
      archive,
      { lazyEntries: true, autoClose: false, validateEntrySizes: true, decodeStrings: true },
      (err, zip) =>
        err ? reject(new CruxError('bad-input', `${archive}: not a readable archive (${err.message})`)) : resolve(zip),
    ),
  );
}

function listEntries(zip: yauzl.ZipFile, archive: string): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.push(entry);
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', (err: Error) => {
      zip.close();
      const unsafe = /invalid relative path|absolute path|invalid characters/.test(err.message);
      reject(
        new CruxError(
          'bad-input',
          unsafe
            ? `${archive}: refused: an entry's path points outside the archive (${err.message})`
            : `${archive}: not a readable archive (${err.message})`,
        ),
      );
    });
    zip.readEntry();
  });
}

function openEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => (err ? reject(err) : resolve(stream))),
  );
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MB`;
}
