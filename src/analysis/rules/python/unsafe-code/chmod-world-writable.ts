import type { Node } from 'web-tree-sitter';
import type { Rule, RuleContext } from '../../rule';
import { callQuery, keywordValue, lastSegment, positionalArguments, resolveCall } from '../calls';
import { unwrapParentheses } from '../syntax';

/** Permission bits of the `stat` module, by name. */
const statBits: Record<string, number> = {
  S_ISUID: 0o4000,
  S_ISGID: 0o2000,
  S_ISVTX: 0o1000,
  S_IRWXU: 0o700,
  S_IRUSR: 0o400,
  S_IWUSR: 0o200,
  S_IXUSR: 0o100,
  S_IREAD: 0o400,
  S_IWRITE: 0o200,
  S_IEXEC: 0o100,
  S_IRWXG: 0o070,
  S_IRGRP: 0o040,
  S_IWGRP: 0o020,
  S_IXGRP: 0o010,
  S_IRWXO: 0o007,
  S_IROTH: 0o004,
  S_IWOTH: 0o002,
  S_IXOTH: 0o001,
};

const writableByOthers = 0o002;

/** The value of a mode written as a number or with stat flags (`0o755`, `stat.S_IRWXU | stat.S_IRGRP`). */
function modeValue(node: Node, context: RuleContext): number | undefined {
  const value = unwrapParentheses(node);
  if (value.type === 'integer') {
    const parsed = Number(value.text.replace(/_/g, '').replace(/[lL]$/, ''));
    return Number.isInteger(parsed) ? parsed : undefined;
  }
  if (value.type === 'identifier' || value.type === 'attribute') {
    const name = context.qualifiedName(value);
    return name?.startsWith('stat.') ? statBits[name.slice('stat.'.length)] : undefined;
  }
  if (value.type === 'binary_operator') {
    const left = modeValue(value.childForFieldName('left')!, context);
    const right = modeValue(value.childForFieldName('right')!, context);
    if (left === undefined || right === undefined) return undefined;
    switch (value.childForFieldName('operator')?.type) {
      case '|':
      case '+':
        return left | right;
      case '&':
        return left & right;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** The mode argument: second for os.chmod(path, mode), the last positional for `path.chmod(mode)`. */
function modeArgument(call: Node, name: string | undefined): Node | undefined {
  const keyword = keywordValue(call, 'mode');
  if (keyword) return keyword;
  const positional = positionalArguments(call);
  if (name === 'os.chmod' || name === 'os.lchmod' || name === 'os.fchmod') return positional[1];
  return positional.length <= 2 ? positional[positional.length - 1] : undefined;
}

export const chmodWorldWritable: Rule = {
  meta: {
    id: 'chmod-world-writable',
    title: 'File made writable by every user',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 732,
    aliases: ['B103', 'S103'],
    why: 'A mode with the "others may write" bit (0o002, as in 0o666 or 0o777) lets any local user or process change the file: replace a script that later runs, or alter data and configuration.',
    doInstead: 'Grant only what is needed, e.g. 0o644 for files and 0o755 for folders, or 0o600 / 0o700 for private data; share with a group instead of with everyone.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, callee, name } = resolveCall(match, context)!;
    if (lastSegment(callee) !== 'chmod' && name !== 'os.fchmod' && name !== 'os.lchmod') return;
    const argument = modeArgument(call, name);
    const mode = argument && modeValue(argument, context);
    if (mode === undefined || !(mode & writableByOthers)) return;
    context.report({ node: call, message: `Mode ${'0o' + mode.toString(8)} lets every user write to this file; drop the write bit for others.` });
  },
};
