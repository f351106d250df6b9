// Each rule's documented example: a flagged case and its fixed form, or a case that is not
// flagged. Generated from the rule's fixtures by scripts/update-rule-examples.mjs, because the
// fixtures are not shipped: the examples show what the tests check.
import generated from './ruleExamples.generated.json';

export interface RuleExample {
  /** The analysis language of the snippets (`python`, `template`). */
  language: string;
  /** The fixture they come from, relative to the repository. */
  fixture: string;
  /** Lines the rule flags are marked with a `flagged` comment. */
  flagged: string;
  /** The same lines after the rule's fix (from the golden `<id>.fixed.py`). */
  fixed?: string;
  /** Where the fixture has no fix for the case: a case the rule does not flag. */
  notFlagged?: string;
}

const examples: Readonly<Record<string, RuleExample>> = generated.examples;

export function ruleExample(ruleId: string): RuleExample | undefined {
  return Object.hasOwn(examples, ruleId) ? examples[ruleId] : undefined;
}
