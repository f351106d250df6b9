// Which lines of which files changed, read from `git diff --unified=0` output: pure functions on
// the diff's text, so the CLI and the editor share them and tests need no repository. Only the
// new side counts: a deleted line changes no line that is still there, and a deleted file has none.
import { resolve } from 'node:path';
import type { Range } from '../finding';

/** 1-based, inclusive: lines of the file as it is now. */
export interface LineSpan {
  start: number;
  end: number;
}

export type FileChanges = readonly LineSpan[] | 'whole-file';

const quotedEscapes: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };

/** A path as git prints it: C-quoted (`"ta\tb.py"`, octal bytes) when it holds unusual characters. */
export function unquoteGitPath(text: string): string {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return text;
  // A backslash byte is never part of a multi-byte UTF-8 character, so the escapes can be read as bytes.
  const source = Buffer.from(text.slice(1, -1), 'utf8');
  const isOctal = (byte: number | undefined) => byte !== undefined && byte >= 0x30 && byte <= 0x37;
  const bytes: number[] = [];
  for (let index = 0; index < source.length; index++) {
    if (source[index] !== 0x5c) {
      bytes.push(source[index]);
    } else if (isOctal(source[index + 1]) && isOctal(source[index + 2]) && isOctal(source[index + 3])) {
      bytes.push(parseInt(source.subarray(index + 1, index + 4).toString('latin1'), 8));
      index += 3;
    } else if (index + 1 < source.length) {
      const escaped = source[++index];
      bytes.push(quotedEscapes[String.fromCharCode(escaped)] ?? escaped);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The path of a `+++ ` line, without its `b/` prefix; undefined for `/dev/null` (a deleted file). */
function newSidePath(header: string): string | undefined {
  // Git ends the line with a tab when the name holds a space, so the end of the name is certain.
  const raw = header.endsWith('\t') ? header.slice(0, -1) : header;
  if (raw === '/dev/null') return undefined;
  const path = unquoteGitPath(raw);
  return path.startsWith('b/') ? path.slice(2) : path;
}

const hunkHeader = /^@@ -\d+(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/**
 * The changed lines per file in `git diff --unified=0 --src-prefix=a/ --dst-prefix=b/` output,
 * keyed by the path git printed. Hunk bodies are skipped by their counts, so a changed line that
 * reads `+++ x` is not taken for a file header.
 */
export function parseUnifiedDiff(diff: string): Map<string, LineSpan[]> {
  const files = new Map<string, LineSpan[]>();
  let current: LineSpan[] | undefined;
  let bodyLines = 0;
  for (const line of diff.split('\n')) {
    if (bodyLines > 0) {
      if (!line.startsWith('\\')) bodyLines--; // "\ No newline at end of file" is not a line of either side
      continue;
    }
    if (line.startsWith('diff --git ')) {
      current = undefined;
    } else if (line.startsWith('+++ ')) {
      const path = newSidePath(line.slice(4));
      current = path === undefined ? undefined : files.get(path) ?? [];
      if (path !== undefined) files.set(path, current!);
    } else {
      const hunk = hunkHeader.exec(line);
      if (!hunk) continue;
      const removed = hunk[1] === undefined ? 1 : Number(hunk[1]);
      const start = Number(hunk[2]);
      const added = hunk[3] === undefined ? 1 : Number(hunk[3]);
      bodyLines = removed + added;
      if (current && added > 0) current.push({ start, end: start + added - 1 });
    }
  }
  return files;
}

/** The lines that changed, per absolute path. */
export class ChangedLines {
  private readonly files = new Map<string, FileChanges>();

  /** Adds a diff's files and wholly new files, their paths relative to `folder` as git printed them. */
  add(folder: string, diffFiles: ReadonlyMap<string, readonly LineSpan[]>, newFiles: readonly string[] = []): this {
    for (const [path, spans] of diffFiles) this.files.set(resolve(folder, path), spans);
    for (const path of newFiles) this.files.set(resolve(folder, path), 'whole-file');
    return this;
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** Whether any line of `range` (0-based, as findings count) changed in the file at `absolutePath`. */
  touches(absolutePath: string, range: Range): boolean {
    const changes = this.files.get(absolutePath);
    if (!changes) return false;
    if (changes === 'whole-file') return true;
    // A range that ends at column 0 does not reach into the line it ends on.
    const lastLine = range.end.column === 0 && range.end.line > range.start.line ? range.end.line : range.end.line + 1;
    const firstLine = range.start.line + 1;
    return changes.some((span) => span.start <= lastLine && span.end >= firstLine);
  }
}
