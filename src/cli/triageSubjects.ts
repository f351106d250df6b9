// The findings of a check as triage subjects: each file read again and decoded as the check read
// it, and around each finding the lines a prompt may show (the enclosing Python function from the
// parse tree, or a window of lines in a template). The most severe come first, so a budget of
// questions goes where a false positive costs the most attention.
import { promises as fs } from 'node:fs';
import type { Severity } from '../analysis/finding';
import { LanguageParser } from '../analysis/parser';
import { promptSpanAt, windowAround } from '../analysis/promptSpan';
import { ruleMeta } from '../analysis/rules';
import type { TriageSubject } from '../model/triage/triageFinding';
import type { FileReport } from './formats/fileReport';
import { decodeSource } from './sourceEncoding';

const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2, hint: 3 };

export interface TriageSubjects {
  subjects: TriageSubject[];
  /** Files whose findings cannot be triaged, and why: for standard error. */
  problems: string[];
}

export async function triageSubjects(reports: readonly FileReport[]): Promise<TriageSubjects> {
  const subjects: TriageSubject[] = [];
  const problems: string[] = [];
  let parser: LanguageParser | undefined;
  try {
    for (const report of reports) {
      const findings = report.findings.filter((finding) => finding.source === 'parse');
      if (findings.length === 0 || report.skipped || !report.file) continue;
      let text: string;
      try {
        text = decodeSource(await fs.readFile(report.file)).text;
      } catch (error) {
        problems.push(`${report.path}: cannot read it again for triage: ${(error as Error).message}`);
        continue;
      }
      const tree = report.language === 'python' ? (parser ??= await LanguageParser.create('python')).parse(text) : undefined;
      try {
        for (const finding of findings) {
          const enclosingSpan = tree ? promptSpanAt(tree.rootNode, text, finding.range.start) : windowAround(text, finding.range.start.line);
          subjects.push({ fileName: report.path, text, finding, rule: ruleMeta(finding.ruleId), enclosingSpan });
        }
      } finally {
        tree?.delete();
      }
    }
  } finally {
    parser?.dispose();
  }
  // A stable sort: within a severity, the report's order.
  subjects.sort((a, b) => severityRank[a.finding.severity] - severityRank[b.finding.severity]);
  return { subjects, problems };
}
