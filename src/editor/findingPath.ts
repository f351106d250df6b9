// A taint finding's path carried in a rule documentation link, so the rule's page can say what
// this finding's data did ("user input from line 12 reaches this call"). Plain data, no `vscode`.
import { basename } from 'node:path';
import type { Finding } from '../analysis/finding';

export interface FindingPath {
  message: string;
  steps: { line: number; label: string; file?: string }[];
}

const queryKey = 'path';
/** Longer paths are cut: a link is no place for a novel. */
const maxSteps = 24;

export function findingPathQuery(finding: Finding): string | undefined {
  if (!finding.trace?.length) return undefined;
  const path: FindingPath = {
    message: finding.message,
    steps: finding.trace.slice(0, maxSteps).map((step) => ({ line: step.range.start.line + 1, label: step.label, ...(step.file ? { file: basename(step.file) } : {}) })),
  };
  return new URLSearchParams({ [queryKey]: JSON.stringify(path) }).toString();
}

/** The path in a documentation link's query, or undefined when there is none or it is malformed. */
export function findingPathFromQuery(query: string): FindingPath | undefined {
  const raw = new URLSearchParams(query).get(queryKey);
  if (!raw) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<FindingPath>;
    if (typeof value.message !== 'string' || !Array.isArray(value.steps)) return undefined;
    const steps = value.steps
      .filter((step): step is FindingPath['steps'][number] => !!step && typeof step.line === 'number' && typeof step.label === 'string' && (step.file === undefined || typeof step.file === 'string'))
      .slice(0, maxSteps);
    return { message: value.message, steps };
  } catch {
    return undefined;
  }
}
