// The editor's side of deterministic fixes, chosen as the CLI's --fix chooses them: "fix all of
// this rule in the file" and "fix all" on save take the safe fixes only (unsafe ones change
// behaviour, so each is applied on its own, by choice), and two fixes that touch the same text
// cannot both apply, so the later one waits for the next round. No `vscode` import.
import type { Finding, Fix, TextEdit } from '../analysis/finding';
import { fixesToApply } from '../analysis/fixes';
import { plainText } from './plainText';

/** The edits of every safe fix that overlaps none taken before it; a fix's edits go in together or not at all. */
export function combineFixes(fixes: readonly Fix[]): TextEdit[] {
  return fixesToApply(fixes, { includeUnsafe: false }).flatMap((fix) => fix.edits);
}

/** A quick fix's title, as plain text: an unsafe one says what it changes, so choosing it is a decision. */
export function quickFixTitle(fix: Fix): string {
  return plainText(fix.applicability === 'safe' ? fix.title : `${fix.title} (unsafe: ${fix.changes})`);
}

export interface FixAll {
  title: string;
  edits: TextEdit[];
}

/**
 * "Fix all" for the rule of `finding`, offered from a finding whose own fix is safe when the file
 * has at least two safe fixes of that rule; its title says when unsafe ones were left out.
 */
export function fixAllOfRule(findings: readonly Finding[], finding: Finding): FixAll | undefined {
  if (finding.fix?.applicability !== 'safe') return undefined;
  const fixes = findings.filter((other) => other.ruleId === finding.ruleId && other.fix).map((other) => other.fix!);
  const safe = fixes.filter((fix) => fix.applicability === 'safe');
  if (safe.length < 2) return undefined;
  const leftOut = fixes.length > safe.length ? ', safe fixes only' : '';
  return { title: `Fix all ${finding.ruleId} problems in this file (${safe.length}${leftOut})`, edits: combineFixes(safe) };
}

/** "Fix all" of every rule in the file (`source.fixAll`, fix on save): the safe fixes of `findings`. */
export function fixAllSafe(findings: readonly Finding[]): FixAll | undefined {
  const fixes = fixesToApply(
    findings.flatMap((finding) => (finding.fix ? [finding.fix] : [])),
    { includeUnsafe: false },
  );
  if (fixes.length === 0) return undefined;
  return { title: `Fix all safe Llama Review problems in this file (${fixes.length})`, edits: fixes.flatMap((fix) => fix.edits) };
}
