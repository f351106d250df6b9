// Real Python to measure on: the standard library that Debian ships under /usr/lib/python3.*
// (every machine here has one; nothing is vendored). Files are read once, up front.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface SourceFile {
  path: string;
  text: string;
  lines: number;
}

/** The newest /usr/lib/python3.N folder, or the folder given in LLAMA_REVIEW_BENCH_CORPUS. */
export function standardLibraryFolder(): string {
  const override = process.env.LLAMA_REVIEW_BENCH_CORPUS;
  if (override) return override;
  const candidates = existsSync('/usr/lib')
    ? readdirSync('/usr/lib')
        .filter((name) => /^python3\.\d+$/.test(name))
        .sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1]))
    : [];
  if (candidates.length === 0) throw new Error('No Python standard library under /usr/lib/python3.*: install python3, or set LLAMA_REVIEW_BENCH_CORPUS to a folder of Python files.');
  return join('/usr/lib', candidates[0]);
}

export function countLines(text: string): number {
  return text.length === 0 ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** Every .py file under `folder` (sorted, so runs are comparable); test data trees left out. */
export function pythonFilesUnder(folder: string): string[] {
  const files: string[] = [];
  const visit = (current: string) => {
    for (const entry of readdirSync(current).sort()) {
      const path = join(current, entry);
      const stat = statSync(path);
      if (stat.isDirectory()) {
        if (entry !== '__pycache__' && entry !== 'site-packages' && entry !== 'dist-packages') visit(path);
      } else if (entry.endsWith('.py')) files.push(path);
    }
  };
  visit(folder);
  return files;
}

export function readSource(path: string): SourceFile {
  const text = readFileSync(path, 'utf8');
  return { path, text, lines: countLines(text) };
}

/** The corpus: whole files until at least `minimumLines` lines. */
export function corpus(folder: string, minimumLines: number): SourceFile[] {
  const files: SourceFile[] = [];
  let lines = 0;
  for (const path of pythonFilesUnder(folder)) {
    if (lines >= minimumLines) break;
    let file: SourceFile;
    try {
      file = readSource(path);
    } catch {
      continue; // unreadable or not UTF-8: not this benchmark's concern
    }
    files.push(file);
    lines += file.lines;
  }
  return files;
}

/**
 * A file of about `targetLines` lines for on-save latency: the library module closest in size that
 * is code rather than data (docstring-only tables such as pydoc_data/topics.py are skipped). When
 * no single module is that large, whole modules are joined, which is still valid Python.
 */
export function fileOfSize(folder: string, targetLines: number): SourceFile {
  const sources = pythonFilesUnder(folder)
    .filter((path) => !path.includes('pydoc_data') && !path.includes('/test/') && !path.includes('/idlelib/'))
    .map(readSource);
  const closest = sources.reduce((best, file) => (Math.abs(file.lines - targetLines) < Math.abs(best.lines - targetLines) ? file : best));
  if (Math.abs(closest.lines - targetLines) <= targetLines * 0.15) return closest;
  const largestFirst = [...sources].sort((a, b) => b.lines - a.lines);
  const parts: SourceFile[] = [];
  let lines = 0;
  for (const file of largestFirst) {
    if (lines >= targetLines) break;
    if (lines + file.lines > targetLines * 1.15) continue;
    parts.push(file);
    lines += file.lines;
  }
  const text = parts.map((file) => (file.text.endsWith('\n') ? file.text : file.text + '\n')).join('');
  return { path: parts.map((file) => file.path.slice(folder.length + 1)).join(' + '), text, lines: countLines(text) };
}
