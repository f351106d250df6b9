// Which lines a model prompt shows: the function around a line (found with tree-sitter, so nested
// and decorated functions come out right), or a window of lines at module level. Sending the
// enclosing function rather than the file keeps prompts small and answers about the right code.
// A fix rewrites less at module level: the finding's statement, never a window. A security review
// also shows the headers of the file's other decorated functions, and reviews a file by function.
import type { Node } from 'web-tree-sitter';
import { innermostFunction } from '../../analysis/enclosingDefinition';
import { functionHeaders, type FunctionHeader } from '../../analysis/functionHeaders';
import { lineStarts, offsetAt } from '../../analysis/lineStarts';
import { LanguageParser } from '../../analysis/parser';
import { promptSpanAt, windowAround } from '../../analysis/promptSpan';
import { rewriteSpan, type RewriteSpan } from '../../analysis/rewriteSpan';
import { estimateTokens, reviewPromptTokenBudget, type LineSpan } from '../../model/prompts';

export interface FunctionAt {
  /** The whole definition, decorators included. */
  span: LineSpan;
  name: string;
  /** First line of the body, and its indentation (where a docstring goes). */
  bodyStartLine: number;
  bodyIndent: string;
  /** The line the `def` header ends on (the colon). */
  headerEndLine: number;
  /** The existing docstring's lines, if the body starts with one. */
  docstring?: LineSpan;
}

const parsers = new Map<string, Promise<LanguageParser>>();

/** The document's language's parser, made once; rejects for a language without a grammar. */
function parserFor(language: string | undefined): Promise<LanguageParser> {
  if (!language) return Promise.reject(new Error('The document is in no language Llama Review parses.'));
  let parser = parsers.get(language);
  if (!parser) {
    parser = LanguageParser.create(language);
    parsers.set(language, parser);
    parser.catch(() => parsers.delete(language));
  }
  return parser;
}

function describeFunction(definition: Node, text: string): FunctionAt {
  const outer = definition.parent?.type === 'decorated_definition' ? definition.parent : definition;
  const body = definition.childForFieldName('body');
  const first = body?.namedChildren.find((child) => child?.type !== 'comment') ?? undefined;
  const lines = text.split(/\r?\n/);
  const bodyStartLine = first?.startPosition.row ?? (body?.startPosition.row ?? definition.endPosition.row);
  const bodyLine = lines[bodyStartLine] ?? '';
  const isDocstring = first?.type === 'expression_statement' && first.namedChildren[0]?.type === 'string';
  return {
    span: { startLine: outer.startPosition.row, endLine: definition.endPosition.row },
    name: definition.childForFieldName('name')?.text ?? 'function',
    bodyStartLine,
    bodyIndent: bodyLine.slice(0, bodyLine.length - bodyLine.trimStart().length),
    headerEndLine: definition.children.find((child) => child?.type === ':')?.startPosition.row ?? definition.startPosition.row,
    docstring: isDocstring && first ? { startLine: first.startPosition.row, endLine: first.endPosition.row } : undefined,
  };
}

/** The function containing (line, column) in a document of `language`, or undefined at module level. */
export async function functionAt(language: string | undefined, text: string, line: number, column = 0): Promise<FunctionAt | undefined> {
  const tree = (await parserFor(language)).parse(text);
  try {
    const definition = innermostFunction(tree.rootNode, offsetAt(lineStarts(text), { line, column }));
    return definition && describeFunction(definition, text);
  } finally {
    tree.delete();
  }
}

/** The span a prompt about `line` shows (see analysis/promptSpan.ts). */
export async function promptSpan(language: string | undefined, text: string, line: number, column = 0): Promise<LineSpan> {
  try {
    const tree = (await parserFor(language)).parse(text);
    try {
      return promptSpanAt(tree.rootNode, text, { line, column });
    } finally {
      tree.delete();
    }
  } catch {
    return windowAround(text, line);
  }
}

/** The lines a fix for (line, column) may rewrite: its function, else its statement or a small block around it. */
export async function fixSpan(language: string | undefined, text: string, line: number, column = 0): Promise<RewriteSpan> {
  try {
    const tree = (await parserFor(language)).parse(text);
    try {
      return rewriteSpan(tree.rootNode, { line, offset: offsetAt(lineStarts(text), { line, column }) });
    } finally {
      tree.delete();
    }
  } catch {
    return { startLine: line, endLine: line, unit: 'statement' };
  }
}

async function headersOf(language: string | undefined, text: string): Promise<FunctionHeader[]> {
  const tree = (await parserFor(language)).parse(text);
  try {
    return functionHeaders(tree.rootNode);
  } finally {
    tree.delete();
  }
}

function outside(span: LineSpan, reviewed: LineSpan): boolean {
  return span.endLine < reviewed.startLine || span.startLine > reviewed.endLine;
}

/** The headers of the decorated functions outside `span`: what a security review of it compares it with. */
export async function siblingHeaders(language: string | undefined, text: string, span: LineSpan): Promise<LineSpan[]> {
  try {
    return (await headersOf(language, text)).filter((header) => header.decorated && outside(header.span, span)).map((header) => header.header);
  } catch {
    return [];
  }
}

/** What a review of the whole file asks about: the file when it fits one prompt, else each function that is not inside another. */
export async function fileReviewSpans(language: string | undefined, text: string): Promise<LineSpan[]> {
  const lastLine = text.split(/\r?\n/).length - 1;
  // Half the budget: the prompt's instructions and the answer need room too.
  const wholeFile = [{ startLine: 0, endLine: lastLine }];
  if (estimateTokens(text) <= reviewPromptTokenBudget / 2) return wholeFile;
  try {
    return (await headersOf(language, text)).filter((header) => !header.nested).map((header) => header.span);
  } catch {
    return wholeFile;
  }
}
