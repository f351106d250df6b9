// Except clauses: which catch everything, and how to quote and read them.
import type { Node } from 'web-tree-sitter';
import type { RuleContext } from '../rule';

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
