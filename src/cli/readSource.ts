// Reading a file named for checking: only regular files, and never more than the size limit.
// A FIFO would block the read forever and `/dev/zero` never ends, so the type and size come from
// the open descriptor (no race with a rename) before a byte is read.
import { constants, promises as fs } from 'node:fs';
import type { SkipReason } from '../analysis/engine';

export type FileSkipReason = SkipReason | 'not-a-file';

export type SourceRead = { bytes: Buffer } | { skipped: { reason: FileSkipReason; message: string } };

/** What a stat or directory entry names, in words, for a file that is not regular. */
export function fileKind(stat: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isDirectory(): boolean }): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isDirectory()) return 'a folder';
  return 'not a regular file';
}

export function notRegularFile(kind: string): { reason: FileSkipReason; message: string } {
  return { reason: 'not-a-file', message: `Skipped: it is ${kind}; only regular files are read.` };
}

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** The file's bytes, or why it was not read; I/O errors throw. */
export async function readSourceFile(path: string | Buffer, maxBytes: number): Promise<SourceRead> {
  // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
  const handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return { skipped: notRegularFile(fileKind(stat)) };
    if (stat.size > maxBytes) {
      return { skipped: { reason: 'too-large', message: `Skipped: the file is ${sizeText(stat.size)}, over the ${sizeText(maxBytes)} analysis limit.` } };
    }
    // Read to the end, but never past one byte over the limit: files (and /proc's) may grow.
    let buffer = Buffer.alloc(Math.min(maxBytes + 1, stat.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) break;
        const grown = Buffer.alloc(Math.min(maxBytes + 1, buffer.length * 2 + 4096));
        buffer.copy(grown);
        buffer = grown;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { skipped: { reason: 'too-large', message: `Skipped: the file grew past the ${sizeText(maxBytes)} analysis limit while it was read.` } };
    return { bytes: buffer.subarray(0, length) };
  } finally {
    await handle.close();
  }
}
