// Helpers shared by the unsafe-code rules: resolving calls, telling literal text from text built at
// run time, keyword-argument fixes, the process-starting functions, and except clauses that catch
// everything.
import type { Node } from 'web-tree-sitter';
import type { Confidence, Fix, FixSafety, Range, RuleMeta, Severity } from '../../../finding';
import type { Rule, RuleContext, RuleMatch } from '../../rule';
import { valueBoundTo } from '../bindings';
import { callArguments, callQuery, isInterpolatedString, isStringNode, keywordValue, positionalArguments, rangeOf, snippet, stringValue } from '../syntax';

// --- Calls ----------------------------------------------------------------------------------------

export interface ResolvedCall {
  call: Node;
  callee: Node;
  /** Fully qualified name through the file's imports; undefined for `"text".format` and the like. */
  name: string | undefined;
}

/** The call of a `callQuery` match and the qualified name of what it calls. */
export function resolveCall(match: RuleMatch, context: RuleContext): ResolvedCall {
  const callee = match.get('callee')!;
  return { call: match.get('call')!, callee, name: context.qualifiedName(callee) };
}

/** A rule that reports every call to one of `names` (fully qualified), whatever its arguments. */
export function callsRule(meta: RuleMeta, names: ReadonlySet<string>, message: (name: string, call: Node) => string): Rule {
  return {
    meta,
    query: callQuery,
    check(match, context) {
      const { call, name } = resolveCall(match, context);
      if (name && names.has(name)) context.report({ node: call, message: message(name, call) });
    },
  };
}

/** The positional argument at `index`, or else the keyword argument `name`. */
export function argumentAt(call: Node, index: number, name: string): Node | undefined {
  return positionalArguments(call)[index] ?? keywordValue(call, name);
}

/** The expression that holds `node`, looking through parentheses. */
export function enclosingExpression(node: Node): Node | null {
  let outer = node.parent;
  while (outer?.type === 'parenthesized_expression') outer = outer.parent;
  return outer;
}

export function unwrapParentheses(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression' && current.namedChildCount === 1) current = current.firstNamedChild!;
  return current;
}

// --- Where text comes from -----------------------------------------------------------------------

/** Where the text of an argument comes from, as far as the code at hand shows. */
export type TextOrigin = 'literal' | 'formatted' | 'dynamic';

const constantTypes = new Set(['integer', 'float', 'true', 'false', 'none']);

/**
 * `literal`: a constant string. `formatted`: text assembled in place by an f-string, `%`, `+`,
 * `.format()` or `.join()`, the shape of most injection bugs. `dynamic`: anything else (a name, a
 * call), which may or may not be trusted.
 */
export function textOrigin(node: Node): TextOrigin {
  const value = unwrapParentheses(node);
  if (stringValue(value) !== undefined || constantTypes.has(value.type)) return 'literal';
  if (value.type === 'string' && isInterpolatedString(value)) return 'formatted';
  if (value.type === 'concatenated_string') return 'formatted'; // one of its parts is an f-string
  if (value.type === 'binary_operator') {
    const operator = value.childForFieldName('operator')?.type;
    const left = value.childForFieldName('left');
    const right = value.childForFieldName('right');
    if (operator === '%' && left && textOrigin(left) !== 'dynamic') return 'formatted';
    if (operator === '+' && left && right) {
      const parts = [textOrigin(left), textOrigin(right)];
      if (parts.every((part) => part === 'literal')) return 'literal';
      if (parts.some((part) => part !== 'dynamic')) return 'formatted';
    }
  }
  if (value.type === 'call') {
    const callee = value.childForFieldName('function');
    const method = callee?.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
    if (method === 'format' || (method === 'join' && isStringNode(callee!.childForFieldName('object')))) return 'formatted';
  }
  return 'dynamic';
}

/** A literal, or a name bound to one (`ORDERING = "ORDER BY id"`, `SAMPLE = "<a/>"` at module level). */
export function isConstantText(node: Node): boolean {
  if (textOrigin(node) === 'literal') return true;
  const bound = node.type === 'identifier' ? valueBoundTo(node) : undefined;
  return !!bound && textOrigin(bound) === 'literal';
}

/** The values pasted into formatted text: f-string fields, `%` operands, `+` operands, `.format()` arguments. */
export function interpolatedValues(node: Node): Node[] {
  const value = unwrapParentheses(node);
  switch (value.type) {
    case 'string':
      return value.namedChildren.flatMap((part) => (part?.type === 'interpolation' && part.firstNamedChild ? [part.firstNamedChild] : []));
    case 'concatenated_string':
      return value.namedChildren.flatMap((part) => (part ? interpolatedValues(part) : []));
    case 'binary_operator': {
      const operator = value.childForFieldName('operator')?.type;
      const left = value.childForFieldName('left')!;
      const right = unwrapParentheses(value.childForFieldName('right')!);
      if (operator === '%') return right.type === 'tuple' ? right.namedChildren.filter((item): item is Node => !!item) : [right];
      return [left, right].flatMap((operand) => (textOrigin(operand) === 'dynamic' ? [operand] : interpolatedValues(operand)));
    }
    case 'call':
      return callArguments(value).map((arg) => (arg.type === 'keyword_argument' ? arg.childForFieldName('value') ?? arg : arg));
    default:
      return [];
  }
}

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

// --- Fixes ----------------------------------------------------------------------------------------

/**
 * A fix that adds `keyword` (such as `timeout=10`) as the last argument of `call`, keeping the
 * call's layout: after a trailing comma, or on its own line when the arguments are one per line.
 * Whether that keeps the program's meaning is the caller's to say.
 */
export function appendArgumentFix(call: Node, keyword: string, title: string, safety: FixSafety): Fix | undefined {
  const list = call.childForFieldName('arguments');
  if (list?.type !== 'argument_list') return undefined;
  const close = list.lastChild;
  if (close?.type !== ')') return undefined;
  const args = callArguments(call);
  const last = args[args.length - 1];
  if (!last) return { title, edits: [{ range: collapsed(rangeOf(close).start), newText: keyword }], ...safety };
  const comma = last.nextSibling?.type === ',' ? last.nextSibling : undefined;
  const onOwnLines = close.startPosition.row > last.endPosition.row;
  const indentation = ' '.repeat(last.startPosition.column);
  let newText: string;
  if (onOwnLines) newText = comma ? `\n${indentation}${keyword},` : `,\n${indentation}${keyword}`;
  else newText = comma ? ` ${keyword}` : `, ${keyword}`;
  const anchor = rangeOf(comma ?? last).end;
  return { title, edits: [{ range: collapsed(anchor), newText }], ...safety };
}

function collapsed(position: Range['start']): Range {
  return { start: position, end: position };
}

// --- Processes and handlers -----------------------------------------------------------------------

/** subprocess functions that start a program, through a shell only when asked with `shell=True`. */
export const subprocessFunctions: ReadonlySet<string> = new Set([
  'subprocess.Popen',
  'subprocess.run',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
]);

/** Functions that always hand their command line to a shell. */
export const shellFunctions: ReadonlySet<string> = new Set([
  'os.system',
  'os.popen',
  'os.popen2',
  'os.popen3',
  'os.popen4',
  'popen2.popen2',
  'popen2.popen3',
  'popen2.popen4',
  'popen2.Popen3',
  'popen2.Popen4',
  'commands.getoutput',
  'commands.getstatusoutput',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
  'asyncio.create_subprocess_shell',
]);

/** True when the call passes `shell=True` (or a non-zero number) as written. */
export function passesShellTrue(call: Node): boolean {
  const shell = keywordValue(call, 'shell');
  if (!shell) return false;
  if (shell.type === 'true') return true;
  return shell.type === 'integer' && Number(shell.text) !== 0;
}

/**
 * True when an except clause catches everything: bare `except:`, `Exception`, `BaseException`,
 * or a tuple that includes one of them. Narrow handlers (`except KeyError:`) are deliberate.
 */
export function catchesEverything(clause: Node, context: RuleContext): boolean {
  let caught = clause.childForFieldName('value');
  if (!caught) return clause.firstChild?.type === 'except';
  if (caught.type === 'as_pattern') caught = caught.firstNamedChild;
  if (!caught) return false;
  const types = caught.type === 'tuple' ? caught.namedChildren : [caught];
  return types.some((type) => /^(?:builtins\.)?(?:Exception|BaseException)$/.test(context.qualifiedName(type) ?? ''));
}

/** `except Exception as error:` as written, up to its colon, on one line. */
export function handlerHeader(clause: Node): string {
  const colon = clause.children.find((child) => child?.type === ':');
  return clause.text.slice(0, colon ? colon.endIndex - clause.startIndex : undefined).replace(/\s+/g, ' ');
}

/** The only statement of an except clause's body, or undefined when it has several. */
export function soleHandlerStatement(clause: Node): Node | undefined {
  const body = clause.namedChildren.find((child) => child?.type === 'block');
  const statements = body?.namedChildren.filter((child): child is Node => !!child && child.type !== 'comment') ?? [];
  return statements.length === 1 ? statements[0] : undefined;
}
