// The JSON a model review must produce, and its conversion into Findings with source "model" so
// they show as diagnostics like any other. Line bounds are checked after parsing: the grammar
// does not enforce minimum/maximum.
import type { Finding, Severity } from '../analysis/finding';
import type { JsonSchema } from './jsonSchema';
import type { LineSpan } from './prompts';

export interface ReviewItem {
  line: number;
  category: 'security' | 'performance' | 'refactoring';
  severity: 'warning' | 'info';
  title: string;
  explanation: string;
}

/** The answer schema for a review of `span` (1-based line numbers within it). */
export function reviewAnswerSchema(span: LineSpan): JsonSchema {
  return {
    type: 'object',
    required: ['findings'],
    additionalProperties: false,
    properties: {
      findings: {
        type: 'array',
        maxItems: 10,
        items: {
          type: 'object',
          required: ['line', 'category', 'severity', 'title', 'explanation'],
          additionalProperties: false,
          properties: {
            line: { type: 'integer', minimum: span.startLine + 1, maximum: span.endLine + 1 },
            category: { type: 'string', enum: ['security', 'performance', 'refactoring'] },
            severity: { type: 'string', enum: ['warning', 'info'] },
            title: { type: 'string', minLength: 3, maxLength: 80 },
            explanation: { type: 'string', maxLength: 400 },
          },
        },
      },
    },
  };
}

/** Findings from a validated review answer; `text` gives each line's extent. */
export function reviewFindings(answer: { findings: ReviewItem[] }, text: string): Finding[] {
  const lines = text.split(/\r?\n/);
  return answer.findings.map((item) => {
    const line = item.line - 1;
    const content = lines[line] ?? '';
    const indent = content.length - content.trimStart().length;
    return {
      ruleId: 'model-review',
      aliases: [],
      category: item.category,
      severity: item.severity as Severity,
      // Model findings are suggestions: never as sure as a parse-based rule.
      confidence: 'low',
      message: `${item.title}: ${item.explanation}`,
      range: { start: { line, column: indent }, end: { line, column: content.length } },
      source: 'model',
    };
  });
}
