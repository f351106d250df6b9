// The file a report is about, read back from the path it shows: relative to the working folder
// (or absolute outside it), with `\\`, `\xNN` and `\u{...}` escapes for backslashes, odd bytes and
// controls (see pathNames.ts). Every escape starts with a backslash and a backslash is always
// escaped, so the bytes come back exactly.
import { resolve } from 'node:path';
import type { FileReport } from './formats/fileReport';

const escape = /\\(\\|x([0-9a-f]{2})|u\{([0-9a-f]+)\})/gi;

/** The bytes of a shown name. */
export function unescapeName(shown: string): Buffer {
  const parts: Buffer[] = [];
  let last = 0;
  for (const match of shown.matchAll(escape)) {
    parts.push(Buffer.from(shown.slice(last, match.index), 'utf8'));
    if (match[2]) parts.push(Buffer.from([parseInt(match[2], 16)]));
    else if (match[3]) parts.push(Buffer.from(String.fromCodePoint(parseInt(match[3], 16)), 'utf8'));
    else parts.push(Buffer.from('\\'));
    last = match.index + match[0].length;
  }
  parts.push(Buffer.from(shown.slice(last), 'utf8'));
  return Buffer.concat(parts);
}

/** The absolute path of a reported file (as text: bytes that are not UTF-8 read as U+FFFD, as git's output is). */
export function reportedFile(report: Pick<FileReport, 'path'>, cwd = process.cwd()): string {
  return resolve(cwd, unescapeName(report.path).toString('utf8'));
}
