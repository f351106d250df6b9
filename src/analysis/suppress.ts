// Suppression comments: Ruff/flake8 `# noqa[: codes]`, Bandit `# nosec [ids]`, and our own
// `# llama-review: ignore[rule-ids]` (line) and `# llama-review: ignore-file[rule-ids]` (file).
import type { Finding } from './finding';

/** `undefined` codes means "everything". */
interface Directive {
  codes?: Set<string>;
}

export interface Suppressions {
  /** Line (0-based) -> directives written on that line. */
  lines: Map<number, Directive[]>;
  file: Directive[];
}

const noqaPattern = /(?:^|[\s#])noqa(?::\s*([A-Za-z0-9_\-]+(?:[\s,]+[A-Za-z0-9_\-]+)*))?/i;
const nosecPattern = /(?:^|[\s#])nosec\b:?\s*([A-Za-z0-9_\-]+(?:[\s,]+[A-Za-z0-9_\-]+)*)?/i;
const ourPattern = /llama-review:\s*(ignore-file|ignore)\b(?:\[([^\]]*)\])?/i;

function codeSet(list: string | undefined): Set<string> | undefined {
  if (!list) return undefined;
  const codes = list
    .split(/[\s,]+/)
    .map((code) => code.trim().toLowerCase())
    .filter((code) => code.length > 0);
  return codes.length > 0 ? new Set(codes) : undefined;
}

/**
 * `# nosec B602,B607` names Bandit ids (rule ids work too). Prose after `nosec` means "all";
 * a code that is not a Bandit id (B006 is Ruff's bugbear) suppresses nothing.
 */
function nosecCodes(list: string | undefined): Set<string> | undefined {
  if (!list) return undefined;
  const tokens = list.split(/[\s,]+/);
  const codeLike = tokens.filter((token) => /^[A-Z]+\d+$/i.test(token) || /^[a-z0-9]+(?:-[a-z0-9]+)+$/.test(token));
  if (codeLike.length === 0) return undefined;
  const ids = codeLike.filter((token) => isBanditId(token) || token.includes('-'));
  return new Set(ids.length > 0 ? ids.map((id) => id.toLowerCase()) : ['(none)']);
}

/** Reads the directives in one comment's text (including its leading `#`). */
export function parseSuppressionComment(comment: string): { line: Directive[]; file: Directive[] } {
  const line: Directive[] = [];
  const file: Directive[] = [];
  const ours = ourPattern.exec(comment);
  if (ours) {
    const directive = { codes: codeSet(ours[2]) };
    (ours[1].toLowerCase() === 'ignore-file' ? file : line).push(directive);
  }
  const noqa = noqaPattern.exec(comment);
  if (noqa) line.push({ codes: codeSet(noqa[1]) });
  const nosec = nosecPattern.exec(comment);
  if (nosec) line.push({ codes: nosecCodes(nosec[1]) });
  return { line, file };
}

export function collectSuppressions(comments: Iterable<{ line: number; text: string }>): Suppressions {
  const suppressions: Suppressions = { lines: new Map(), file: [] };
  for (const comment of comments) {
    // Cheap pre-filter: most comments carry no directive.
    if (!/noqa|nosec|llama-review/i.test(comment.text)) continue;
    const parsed = parseSuppressionComment(comment.text);
    suppressions.file.push(...parsed.file);
    if (parsed.line.length > 0) {
      const existing = suppressions.lines.get(comment.line) ?? [];
      existing.push(...parsed.line);
      suppressions.lines.set(comment.line, existing);
    }
  }
  return suppressions;
}

function directiveCovers(directive: Directive, finding: Finding): boolean {
  if (!directive.codes) return true;
  if (directive.codes.has(finding.ruleId.toLowerCase())) return true;
  return finding.aliases.some((alias) => directive.codes!.has(alias.toLowerCase()));
}

/** A directive on the finding's first or last line suppresses it (multi-line calls end with `)`). */
export function isSuppressed(finding: Finding, suppressions: Suppressions): boolean {
  if (suppressions.file.some((directive) => directiveCovers(directive, finding))) return true;
  const lines = new Set([finding.range.start.line, finding.range.end.line]);
  for (const line of lines) {
    const directives = suppressions.lines.get(line);
    if (directives?.some((directive) => directiveCovers(directive, finding))) return true;
  }
  return false;
}

/** The comment text the "suppress on this line" action writes. */
export function suppressionCommentFor(finding: Finding, style: 'llama-review' | 'noqa' | 'nosec' = 'llama-review'): string {
  if (style === 'noqa') {
    const ruff = finding.aliases.find((alias) => /^[A-Z]+\d+$/.test(alias) && !isBanditId(alias));
    return `# noqa: ${ruff ?? finding.ruleId}`;
  }
  if (style === 'nosec') {
    const bandit = finding.aliases.find(isBanditId);
    if (bandit) return `# nosec ${bandit}`;
  }
  return `# llama-review: ignore[${finding.ruleId}]`;
}

/** Bandit test ids run B101-B799; Ruff's flake8-bugbear codes (B006, B904) are not Bandit's. */
export function isBanditId(code: string): boolean {
  return /^B[1-7]\d{2}$/i.test(code);
}
