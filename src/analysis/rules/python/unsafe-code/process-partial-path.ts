import type { Node } from 'web-tree-sitter';
import type { Rule } from '../../rule';
import { argumentAt, callQuery, positionalArguments, resolveCall } from '../calls';
import { stringValue } from '../strings';
import { unwrapParentheses } from '../syntax';
import { shellFunctions, subprocessFunctions } from './processFunctions';

/** os.exec* and os.spawn* take the program first; spawn* takes a mode before it. */
const execFunction = /^os\.(exec[lv]p?e?|startfile)$/;
const spawnFunction = /^os\.spawn[lv]p?e?$/;

/** Absolute (`/usr/bin/git`, `C:\\Tools`, `\\\\server`) or explicitly relative (`./run.sh`): not a PATH lookup. */
const explicitPath = /^(?:[\\/.]|[A-Za-z]:)/;

/** The argument that names the program to start, for the process functions this rule knows. */
function programArgument(call: Node, name: string): Node | undefined {
  if (subprocessFunctions.has(name)) return argumentAt(call, 0, 'args');
  if (shellFunctions.has(name)) return argumentAt(call, 0, 'cmd');
  if (execFunction.test(name)) return positionalArguments(call)[0];
  if (spawnFunction.test(name)) return positionalArguments(call)[1];
  return undefined;
}

/** The program's name when it is written as a literal: the string, or the first item of a literal list. */
function literalProgram(argument: Node): string | undefined {
  const value = unwrapParentheses(argument);
  const first = value.type === 'list' || value.type === 'tuple' ? value.firstNamedChild : value;
  const text = stringValue(first);
  return text?.trim().split(/\s+/)[0];
}

export const processPartialPath: Rule = {
  meta: {
    id: 'process-partial-path',
    title: 'Process started by a bare program name',
    category: 'security',
    severity: 'info',
    confidence: 'high',
    cwe: 78,
    aliases: ['B607', 'S607'],
    why: 'A program named without a path ("git", ["ls", "-l"]) is looked up in PATH at run time; whoever controls PATH or a directory early in it decides which binary actually runs.',
    doInstead: 'Use the absolute path of the program, or resolve it once with shutil.which() at start-up and check the result before using it.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, name } = resolveCall(match, context)!;
    if (!name) return;
    const argument = programArgument(call, name);
    const program = argument && literalProgram(argument);
    if (!program || explicitPath.test(program)) return;
    context.report({
      node: argument,
      message: `\`${program}\` is found through PATH when \`${name}()\` runs; give the program's absolute path.`,
    });
  },
};
