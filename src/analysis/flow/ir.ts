// The flow layer's own small language: statements and expressions as data flow sees them, lowered
// from a language's syntax tree (python/lower.ts). The solver reads only this, so another
// language needs a lowering and models, not a second solver.
import type { Constant } from './constant';

/** A stretch of the analyzed text: offsets in UTF-16 code units. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

export type Expr =
  | { readonly kind: 'name'; readonly span: Span; readonly name: string }
  | { readonly kind: 'constant'; readonly span: Span; readonly value: Constant }
  | { readonly kind: 'attribute'; readonly span: Span; readonly object: Expr; readonly attribute: string }
  | { readonly kind: 'subscript'; readonly span: Span; readonly object: Expr; readonly index: Expr }
  | { readonly kind: 'slice'; readonly span: Span; readonly lower?: Expr; readonly upper?: Expr; readonly step?: Expr }
  | { readonly kind: 'call'; readonly span: Span; readonly callee: Expr; readonly args: readonly Argument[] }
  | { readonly kind: 'binary'; readonly span: Span; readonly operator: string; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'unary'; readonly span: Span; readonly operator: string; readonly operand: Expr }
  | { readonly kind: 'logical'; readonly span: Span; readonly operator: 'and' | 'or'; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'compare'; readonly span: Span; readonly operators: readonly string[]; readonly operands: readonly Expr[] }
  | { readonly kind: 'conditional'; readonly span: Span; readonly test: Expr; readonly body: Expr; readonly orelse: Expr }
  | { readonly kind: 'format'; readonly span: Span; readonly parts: readonly FormatPart[] }
  | { readonly kind: 'sequence'; readonly span: Span; readonly shape: 'list' | 'tuple' | 'set'; readonly items: readonly Expr[] }
  | { readonly kind: 'dict'; readonly span: Span; readonly entries: readonly DictEntry[] }
  | {
      readonly kind: 'comprehension';
      readonly span: Span;
      readonly shape: 'list' | 'set' | 'dict' | 'generator';
      readonly element: Expr;
      /** The key of a dict comprehension. */
      readonly key?: Expr;
      readonly clauses: readonly ComprehensionClause[];
    }
  | { readonly kind: 'lambda'; readonly span: Span; readonly fn: FunctionDef }
  | { readonly kind: 'await'; readonly span: Span; readonly value: Expr }
  | { readonly kind: 'walrus'; readonly span: Span; readonly target: NameTarget; readonly value: Expr }
  | { readonly kind: 'starred'; readonly span: Span; readonly value: Expr }
  | { readonly kind: 'yield'; readonly span: Span; readonly value?: Expr }
  /** Anything the lowering does not model: its parts are still evaluated, so taint inside is seen. */
  | { readonly kind: 'unknown'; readonly span: Span; readonly parts: readonly Expr[] };

export type ExprKind = Expr['kind'];

export interface Argument {
  /** Keyword name, for `name=value`. */
  readonly name?: string;
  readonly value: Expr;
  /** `*args` or `**kwargs` at the call. */
  readonly spread?: 'positional' | 'keyword';
  readonly span: Span;
}

/** Literal text of a formatted string, or one interpolated value. */
export type FormatPart = { readonly text: string } | { readonly value: Expr; readonly formatted: boolean };

export interface DictEntry {
  /** Undefined for `**other`. */
  readonly key?: Expr;
  readonly value: Expr;
}

export interface ComprehensionClause {
  readonly target: Target;
  readonly iter: Expr;
  readonly conditions: readonly Expr[];
}

export interface NameTarget {
  readonly kind: 'name';
  readonly span: Span;
  readonly name: string;
}

export type Target =
  | NameTarget
  | { readonly kind: 'attribute'; readonly span: Span; readonly object: Expr; readonly attribute: string }
  | { readonly kind: 'subscript'; readonly span: Span; readonly object: Expr; readonly index: Expr }
  | { readonly kind: 'unpack'; readonly span: Span; readonly items: readonly Target[] }
  | { readonly kind: 'starred'; readonly span: Span; readonly target: Target }
  | { readonly kind: 'unknown'; readonly span: Span };

export type Stmt =
  | { readonly kind: 'assign'; readonly span: Span; readonly targets: readonly Target[]; readonly value: Expr; readonly annotation?: Expr }
  | { readonly kind: 'declare'; readonly span: Span; readonly target: Target; readonly annotation: Expr }
  | { readonly kind: 'augAssign'; readonly span: Span; readonly target: Target; readonly operator: string; readonly value: Expr }
  | { readonly kind: 'expression'; readonly span: Span; readonly value: Expr }
  | { readonly kind: 'return'; readonly span: Span; readonly value?: Expr }
  | { readonly kind: 'if'; readonly span: Span; readonly test: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
  | { readonly kind: 'while'; readonly span: Span; readonly test: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
  | { readonly kind: 'for'; readonly span: Span; readonly target: Target; readonly iter: Expr; readonly body: readonly Stmt[]; readonly orelse: readonly Stmt[] }
  | { readonly kind: 'with'; readonly span: Span; readonly items: readonly WithItem[]; readonly body: readonly Stmt[] }
  | {
      readonly kind: 'try';
      readonly span: Span;
      readonly body: readonly Stmt[];
      readonly handlers: readonly ExceptHandler[];
      readonly orelse: readonly Stmt[];
      readonly finalBody: readonly Stmt[];
    }
  | { readonly kind: 'raise'; readonly span: Span; readonly value?: Expr }
  | { readonly kind: 'break'; readonly span: Span }
  | { readonly kind: 'continue'; readonly span: Span }
  | { readonly kind: 'function'; readonly span: Span; readonly fn: FunctionDef }
  | { readonly kind: 'class'; readonly span: Span; readonly cls: ClassDef }
  | { readonly kind: 'import'; readonly span: Span; readonly bindings: readonly ImportBinding[] }
  | { readonly kind: 'scope'; readonly span: Span; readonly scope: 'global' | 'nonlocal'; readonly names: readonly string[] }
  | { readonly kind: 'delete'; readonly span: Span; readonly targets: readonly Target[] }
  | { readonly kind: 'match'; readonly span: Span; readonly subject: Expr; readonly cases: readonly MatchCase[] }
  | { readonly kind: 'assert'; readonly span: Span; readonly test: Expr }
  | { readonly kind: 'pass'; readonly span: Span }
  /** A statement that did not parse or is not modelled; its expressions are still evaluated. */
  | { readonly kind: 'unknown'; readonly span: Span; readonly parts: readonly Expr[] };

export interface WithItem {
  readonly context: Expr;
  readonly target?: Target;
}

export interface ExceptHandler {
  readonly span: Span;
  readonly type?: Expr;
  readonly name?: NameTarget;
  readonly body: readonly Stmt[];
}

export type Pattern =
  | { readonly kind: 'literal'; readonly value: Constant }
  | { readonly kind: 'capture'; readonly target: NameTarget }
  | { readonly kind: 'wildcard' }
  | { readonly kind: 'or'; readonly patterns: readonly Pattern[] }
  /** Class, sequence and mapping patterns: they may match anything; their names are bound. */
  | { readonly kind: 'structure'; readonly captures: readonly NameTarget[] };

export interface MatchCase {
  readonly pattern: Pattern;
  readonly guard?: Expr;
  readonly body: readonly Stmt[];
}

export type ParameterKind = 'positional' | 'keywordOnly' | 'varargs' | 'kwargs';

export interface Parameter {
  readonly name: string;
  readonly span: Span;
  readonly kind: ParameterKind;
  readonly defaultValue?: Expr;
  readonly annotation?: Expr;
}

export interface FunctionDef {
  readonly name: string;
  /** The whole definition, decorators included. */
  readonly span: Span;
  readonly nameSpan: Span;
  readonly parameters: readonly Parameter[];
  readonly decorators: readonly Expr[];
  readonly isAsync: boolean;
  /** The statements of the body, lowered when first read (a large file's bodies mostly never are). */
  readonly body: readonly Stmt[];
  /** Functions defined directly inside this one (not inside its nested functions), once the body is read. */
  readonly nested: readonly FunctionUnit[];
}

/** A function to analyse on its own, with the class it is a method of. */
export interface FunctionUnit {
  readonly fn: FunctionDef;
  readonly cls?: ClassDef;
}

export interface ClassDef {
  readonly name: string;
  readonly span: Span;
  readonly nameSpan: Span;
  readonly bases: readonly Argument[];
  readonly decorators: readonly Expr[];
  readonly body: readonly Stmt[];
}

/**
 * One name an import statement binds. `import a.b` binds `a` to module `a`; `import a.b as c` binds
 * `c` to `a.b`; `from m import n as o` binds `o` to `m.n`. `level` counts the leading dots.
 */
export interface ImportBinding {
  readonly local: string;
  readonly module: string;
  readonly name?: string;
  readonly level: number;
  readonly span: Span;
}

export interface ModuleDef {
  readonly body: readonly Stmt[];
}

/** A module as a language's lowering hands it to the solver. */
export interface LoweredModule extends ModuleDef {
  /** Every function not nested in another function: module functions and class methods. */
  readonly units: readonly FunctionUnit[];
}
