// Fingerprints say which finding this is without saying where it is, so a baseline keeps
// recognising a finding when lines are added above it or its block is re-indented. The engine
// hashes what a file knows of a finding (rule, flagged lines with whitespace collapsed, names of
// the enclosing functions and classes); a baseline binds that to the file's path. Editing a
// flagged line, renaming its function or moving it to another file makes it a new finding.
import { createHash } from 'node:crypto';
import type { Node } from 'web-tree-sitter';
import { enclosingDefinitionName } from './enclosingDefinition';
import type { Finding, Range } from './finding';
import { lineStarts, offsetAt } from './lineStarts';

/** Bounds the hashing work for a finding over a very long span. */
const longestFlaggedText = 4000;

function hash(parts: readonly string[]): string {
  // NUL never occurs in analysed text (binary files are skipped), so the parts cannot run together.
  return createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 20);
}

/** The whole lines a range covers, every run of whitespace collapsed to one space. */
export function flaggedLinesText(text: string, range: Range, starts: readonly number[] = lineStarts(text)): string {
  // A range that ends at column 0 does not flag the line it ends on.
  const lastLine = range.end.column === 0 && range.end.line > range.start.line ? range.end.line - 1 : range.end.line;
  const from = starts[Math.min(range.start.line, starts.length - 1)];
  const to = lastLine + 1 < starts.length ? starts[lastLine + 1] : text.length;
  return text.slice(from, Math.min(to, from + longestFlaggedText)).replace(/\s+/g, ' ').trim();
}

/** What a file knows of a finding, hashed: its rule, its flagged lines (as their own digest) and the definitions around it. */
export function contentFingerprint(ruleId: string, flaggedTextDigest: string, enclosingName: string): string {
  return hash([ruleId, enclosingName, flaggedTextDigest]);
}

/** A finding's fingerprint in a baseline: its content fingerprint bound to the file's relative path (forward slashes). */
export function findingFingerprint(relativePath: string, finding: Pick<Finding, 'ruleId' | 'contentFingerprint'>): string {
  return hash([relativePath, finding.ruleId, finding.contentFingerprint ?? '']);
}

/** Sets each finding's content fingerprint; `root` is the parse tree of `text`, absent for scanned languages. */
export function addContentFingerprints(findings: readonly Finding[], text: string, root: Node | undefined): void {
  const starts = lineStarts(text);
  // Findings on the same lines share their text: 2,000 findings in one long expression read it once.
  const textDigests = new Map<string, string>();
  for (const finding of findings) {
    const enclosingName = root ? enclosingDefinitionName(root, offsetAt(starts, finding.range.start)) : '';
    const lines = `${finding.range.start.line}:${finding.range.end.line}:${finding.range.end.column === 0}`;
    let digest = textDigests.get(lines);
    if (digest === undefined) {
      digest = hash([flaggedLinesText(text, finding.range, starts)]);
      textDigests.set(lines, digest);
    }
    finding.contentFingerprint = contentFingerprint(finding.ruleId, digest, enclosingName);
  }
}
