// How much to worry about a command or markup string, by where its text comes from (textOrigin).
import type { Node } from 'web-tree-sitter';
import type { Confidence, Severity } from '../../finding';
import type { RuleContext } from '../rule';
import { interpolatedValues, textOrigin } from './strings';
import { snippet } from './syntax';

const shellQuoters = new Set(['shlex.quote', 'pipes.quote', 'shlex.join']);

/** True when every value pasted into the formatted command goes through shlex.quote() first. */
function everyValueShellQuoted(node: Node, context: RuleContext): boolean {
  const values = interpolatedValues(node);
  return (
    values.length > 0 &&
    values.every((value) => value.type === 'call' && shellQuoters.has(context.qualifiedName(value.childForFieldName('function')) ?? ''))
  );
}

export interface Risk {
  severity: Severity;
  confidence: Confidence;
  /** Half a sentence on where the text comes from, for messages. */
  source: string;
}

/** How much to worry about a command or markup string, by where its text comes from. */
export function riskOf(node: Node | undefined): Risk {
  switch (node ? textOrigin(node) : 'dynamic') {
    case 'literal':
      return { severity: 'info', confidence: 'low', source: 'a constant string' };
    case 'formatted':
      return { severity: 'error', confidence: 'high', source: 'text formatted at run time' };
    default:
      return { severity: 'warning', confidence: 'medium', source: 'a value computed at run time' };
  }
}

/** ` (\`code\`)` after a risk's source in a message, naming the text it is about; empty without one. */
export function quoted(node: Node | undefined): string {
  return node ? ` (\`${snippet(node)}\`)` : '';
}

/** riskOf() for shell command lines: a command whose every value is shlex-quoted is low risk. */
export function shellCommandRisk(command: Node | undefined, context: RuleContext): Risk {
  if (command && textOrigin(command) === 'formatted' && everyValueShellQuoted(command, context)) {
    return { severity: 'info', confidence: 'low', source: 'a command with shlex-quoted values' };
  }
  return riskOf(command);
}
