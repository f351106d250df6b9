// File names as bytes. Linux names need not be UTF-8: such a name is kept as a Buffer for every
// file operation, and shown escaped. Names are also escaped for the terminal, so a control
// character in a name cannot move the cursor or recolour the output.
import { isAbsolute, relative, sep } from 'node:path';

/** A path for fs calls: a string when its bytes are UTF-8, else the bytes themselves. */
export type FilePath = string | Buffer;

/** The bytes of a name read as a Buffer: a string when they are valid UTF-8, else the Buffer. */
export function pathFromBytes(bytes: Buffer): FilePath {
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : bytes;
}

/** Joins as bytes when either side is bytes. */
export function joinPath(folder: FilePath, name: FilePath): FilePath {
  const separator = Buffer.from(folder).toString('latin1').endsWith(sep) ? '' : sep;
  return pathFromBytes(Buffer.concat([Buffer.from(folder), Buffer.from(separator), Buffer.from(name)]));
}

/** A name for matching (.gitignore, extensions): undecodable bytes become U+FFFD. */
export function pathText(path: FilePath): string {
  return typeof path === 'string' ? path : path.toString('utf8');
}

function escapeCodePoint(point: number): string {
  if (point === 0x5c) return '\\\\';
  if (point < 0x20 || point === 0x7f || (point >= 0x80 && point < 0xa0)) return point < 0x100 ? `\\x${point.toString(16).padStart(2, '0')}` : `\\u{${point.toString(16)}}`;
  // Bidirectional overrides and isolates could reorder what the terminal shows.
  if ((point >= 0x202a && point <= 0x202e) || (point >= 0x2066 && point <= 0x2069)) return `\\u{${point.toString(16)}}`;
  return String.fromCodePoint(point);
}

/** The bytes of a name for people: UTF-8 as text, other bytes as `\xNN`, controls escaped. */
export function escapeName(bytes: Buffer): string {
  let out = '';
  let index = 0;
  while (index < bytes.length) {
    const byte = bytes[index];
    const length = byte < 0x80 ? 1 : byte >= 0xc2 && byte <= 0xdf ? 2 : byte >= 0xe0 && byte <= 0xef ? 3 : byte >= 0xf0 && byte <= 0xf4 ? 4 : 0;
    const sequence = length > 0 ? bytes.subarray(index, index + length) : undefined;
    const decoded = sequence && sequence.length === length ? sequence.toString('utf8') : undefined;
    if (decoded && !decoded.includes('\ufffd') && Buffer.from(decoded, 'utf8').equals(sequence!)) {
      out += escapeCodePoint(decoded.codePointAt(0)!);
      index += length;
    } else {
      out += `\\x${byte.toString(16).padStart(2, '0')}`;
      index++;
    }
  }
  return out;
}

/**
 * The path relative to `cwd` when it is below it, with forward slashes, as latin1 text: latin1 maps
 * bytes to characters one to one, so path arithmetic on it is exact for any bytes.
 */
function relativeBytes(path: FilePath, cwd: string): Buffer {
  const binary = Buffer.from(path).toString('latin1');
  const relativePath = relative(Buffer.from(cwd).toString('latin1'), binary);
  const shown = relativePath && !relativePath.startsWith('..') ? relativePath : binary;
  return Buffer.from(shown.split(sep).join('/'), 'latin1');
}

/** The path as reports show it: relative to `cwd` when below it, forward slashes, escaped. */
export function displayPath(path: FilePath, cwd = process.cwd()): string {
  return escapeName(relativeBytes(path, cwd));
}

/** Bytes as a URI path: every byte outside the unreserved set and `/` percent-encoded. */
function percentEncode(bytes: Buffer): string {
  let uri = '';
  for (const byte of bytes) {
    const char = String.fromCharCode(byte);
    uri += /[A-Za-z0-9\-._~/]/.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return uri;
}

/** An absolute path (latin1 text, see relativeBytes) as a `file:` URI; a Windows drive keeps its colon. */
function fileUri(binary: string): string {
  const slashed = binary.split(sep).join('/');
  const path = percentEncode(Buffer.from(slashed.startsWith('/') ? slashed : `/${slashed}`, 'latin1'));
  return `file://${path.replace(/^\/([A-Za-z])%3A\//, '/$1:/')}`;
}

/**
 * Where SARIF finds the file (both paths absolute): a URI reference relative to `root` when the
 * file is below it (read against the root's base id), else an absolute `file:` URI. Bytes are
 * percent-encoded, so a name that is not UTF-8 keeps its exact bytes.
 */
export function artifactUri(path: FilePath, root: string): string {
  const binary = Buffer.from(path).toString('latin1');
  const relativePath = relative(Buffer.from(root).toString('latin1'), binary);
  const below = relativePath !== '' && !isAbsolute(relativePath) && relativePath !== '..' && !relativePath.startsWith(`..${sep}`);
  return below ? percentEncode(Buffer.from(relativePath.split(sep).join('/'), 'latin1')) : fileUri(binary);
}

/** An absolute folder as a `file:` URI with the trailing slash that makes it a base for relative references. */
export function folderUri(folder: string): string {
  const uri = fileUri(Buffer.from(folder).toString('latin1'));
  return uri.endsWith('/') ? uri : `${uri}/`;
}
