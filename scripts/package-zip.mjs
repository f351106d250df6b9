// Reads a zip file's central directory (a VSIX is a zip): entry names with their sizes, so the
// packaging script can report and check what a VSIX holds without unpacking it.
import { inflateRawSync } from 'node:zlib';

const endOfCentralDirectory = 0x06054b50;
const centralDirectoryEntry = 0x02014b50;
const localFileHeader = 0x04034b50;

/** Entries of the zip in `buffer`: name, unpacked size, packed size, method and header offset. */
export function readZipEntries(buffer) {
  // The end record sits in the last 64 KiB + 22 bytes (its comment is at most 64 KiB).
  let end = -1;
  for (let offset = buffer.length - 22; offset >= Math.max(0, buffer.length - 22 - 0xffff); offset--) {
    if (buffer.readUInt32LE(offset) === endOfCentralDirectory) {
      end = offset;
      break;
    }
  }
  if (end < 0) throw new Error('Not a zip file (no end of central directory record).');
  const count = buffer.readUInt16LE(end + 10);
  let offset = buffer.readUInt32LE(end + 16);
  const entries = [];
  for (let index = 0; index < count; index++) {
    if (buffer.readUInt32LE(offset) !== centralDirectoryEntry) throw new Error(`Corrupt zip: no central directory entry at ${offset}.`);
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const headerOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    entries.push({ name, size, compressedSize, method, headerOffset });
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The unpacked bytes of one entry (stored or deflated). */
export function readZipEntry(buffer, entry) {
  if (buffer.readUInt32LE(entry.headerOffset) !== localFileHeader) throw new Error(`Corrupt zip: no local header for ${entry.name}.`);
  const start = entry.headerOffset + 30 + buffer.readUInt16LE(entry.headerOffset + 26) + buffer.readUInt16LE(entry.headerOffset + 28);
  const data = buffer.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method === 8) return inflateRawSync(data);
  throw new Error(`Unsupported zip compression method ${entry.method} for ${entry.name}.`);
}
