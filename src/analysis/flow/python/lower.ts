// Lowers tree-sitter-python's syntax tree into the flow IR. Function bodies are lowered when first
// read, so a large file pays only for the functions the analysis visits. Nesting deeper than the
// solver should recurse becomes `unknown` (its names are still seen), never a stack overflow.
import type { Node } from 'web-tree-sitter';
import { bool, ellipsisConstant, none, str, type Constant } from '../constant';
import type {
  Argument,
  ClassDef,
  ComprehensionClause,
  DictEntry,
  ExceptHandler,
  Expr,
  FormatPart,
  FunctionDef,
  FunctionUnit,
  ImportBinding,
  LoweredModule,
  MatchCase,
  NameTarget,
  Parameter,
  ParameterKind,
  Pattern,
  Span,
  Stmt,
  Target,
  WithItem,
} from '../ir';
import { copySyntaxTree, fieldChild, fieldChildren, namedChildren, type CopyOptions, type SyntaxNode } from '../syntaxTree';
import { floatLiteralValue, formattedTextValue, integerLiteralValue, isFormattedLiteral, stringLiteralValue, stringPrefix } from './literals';

/** Deeper expressions or statements than this are lowered as `unknown`. */
const maxDepth = 150;

function spanOf(node: SyntaxNode): Span {
  return { start: node.start, end: node.end };
}

/** A live syntax tree of the lowered text, parsed again if the first one was deleted. */
export interface TreeSource {
  root(): Node;
}

class Lowering {
  private depth = 0;
  readonly copyOptions: CopyOptions;

  constructor(
    readonly text: string,
    /** Where deferred bodies are found again; without one, the tree lowered must still be alive. */
    readonly treeSource?: TreeSource,
  ) {
    this.copyOptions = {
      deferFunctionBodies: true,
      // Plain string literals are read from their text; only f-strings need their parts.
      descendInto: (type, start) => type !== 'string' || isFormattedLiteral(this.text.slice(start, start + 5)),
    };
  }

  textOf(node: SyntaxNode): string {
    return this.text.slice(node.start, node.end);
  }

  private deeper<T>(fallback: () => T, lower: () => T): T {
    if (this.depth >= maxDepth) return fallback();
    this.depth++;
    try {
      return lower();
    } finally {
      this.depth--;
    }
  }

  // --- Statements --------------------------------------------------------------------------------

  block(node: SyntaxNode | undefined): Stmt[] {
    if (!node) return [];
    const statements: Stmt[] = [];
    for (const child of node.children) {
      if (!child.named) continue;
      const statement = this.statement(child);
      if (statement) statements.push(statement);
    }
    return statements;
  }

  statement(node: SyntaxNode): Stmt | undefined {
    return this.deeper(
      () => ({ kind: 'unknown', span: spanOf(node), parts: [] }),
      () => this.statementOf(node),
    );
  }

  private statementOf(node: SyntaxNode): Stmt | undefined {
    const span = spanOf(node);
    switch (node.type) {
      case 'expression_statement':
        return this.expressionStatement(node);
      case 'return_statement': {
        const value = namedChildren(node)[0];
        return { kind: 'return', span, value: value && this.expression(value) };
      }
      case 'if_statement':
        return this.ifStatement(node);
      case 'for_statement': {
        const right = fieldChild(node, 'right');
        return {
          kind: 'for',
          span,
          target: this.target(fieldChild(node, 'left')),
          iter: right ? this.expression(right) : this.unknown(node),
          body: this.block(fieldChild(node, 'body')),
          orelse: this.elseBlock(node),
        };
      }
      case 'while_statement':
        return {
          kind: 'while',
          span,
          test: this.expression(fieldChild(node, 'condition')),
          body: this.block(fieldChild(node, 'body')),
          orelse: this.elseBlock(node),
        };
      case 'with_statement':
        return { kind: 'with', span, items: this.withItems(node), body: this.block(fieldChild(node, 'body')) };
      case 'try_statement':
        return this.tryStatement(node);
      case 'raise_statement': {
        const value = namedChildren(node).find((child) => child.field !== 'cause');
        return { kind: 'raise', span, value: value && this.expression(value) };
      }
      case 'break_statement':
        return { kind: 'break', span };
      case 'continue_statement':
        return { kind: 'continue', span };
      case 'pass_statement':
      case 'future_import_statement':
      case 'type_alias_statement':
        return { kind: 'pass', span };
      case 'function_definition':
        return { kind: 'function', span, fn: this.functionDef(node, node, []) };
      case 'class_definition':
        return { kind: 'class', span, cls: this.classDef(node, node, []) };
      case 'decorated_definition':
        return this.decorated(node);
      case 'import_statement':
      case 'import_from_statement':
        return { kind: 'import', span, bindings: this.importBindings(node) };
      case 'global_statement':
      case 'nonlocal_statement':
        return {
          kind: 'scope',
          span,
          scope: node.type === 'global_statement' ? 'global' : 'nonlocal',
          names: namedChildren(node).filter((child) => child.type === 'identifier').map((child) => this.textOf(child)),
        };
      case 'delete_statement':
        return { kind: 'delete', span, targets: namedChildren(node).flatMap((child) => this.deleteTargets(child)) };
      case 'match_statement':
        return this.matchStatement(node);
      case 'assert_statement':
        return { kind: 'assert', span, test: this.expression(namedChildren(node)[0]) };
      default:
        return { kind: 'unknown', span, parts: namedChildren(node).map((child) => this.expression(child)) };
    }
  }

  private expressionStatement(node: SyntaxNode): Stmt {
    const span = spanOf(node);
    const children = namedChildren(node);
    const first = children[0];
    if (children.length === 1 && first.type === 'assignment') return this.assignment(first, span);
    if (children.length === 1 && first.type === 'augmented_assignment') {
      const operator = fieldChild(first, 'operator');
      return {
        kind: 'augAssign',
        span,
        target: this.target(fieldChild(first, 'left')),
        operator: operator ? operator.type.replace(/=$/, '') : '+',
        value: this.expression(fieldChild(first, 'right')),
      };
    }
    if (children.length === 1) return { kind: 'expression', span, value: this.expression(first) };
    return { kind: 'expression', span, value: { kind: 'sequence', span, shape: 'tuple', items: children.map((child) => this.expression(child)) } };
  }

  /** `a = b = value`, `x: int = value`, `x: int`. */
  private assignment(node: SyntaxNode, span: Span): Stmt {
    const targets: Target[] = [];
    let current: SyntaxNode | undefined = node;
    let annotation: Expr | undefined;
    for (;;) {
      targets.push(this.target(fieldChild(current, 'left')));
      const type = fieldChild(current, 'type');
      if (type) annotation = this.expression(type);
      const right = fieldChild(current, 'right');
      if (!right) return { kind: 'declare', span, target: targets[0], annotation: annotation ?? this.unknown(current) };
      if (right.type !== 'assignment') return { kind: 'assign', span, targets, value: this.expression(right), annotation };
      current = right;
    }
  }

  private ifStatement(node: SyntaxNode): Stmt {
    const alternatives = fieldChildren(node, 'alternative');
    const lowerFrom = (index: number): Stmt[] => {
      const alternative = alternatives[index];
      if (!alternative) return [];
      if (alternative.type === 'else_clause') return this.block(fieldChild(alternative, 'body'));
      return [
        {
          kind: 'if',
          span: { start: alternative.start, end: node.end },
          test: this.expression(fieldChild(alternative, 'condition')),
          body: this.block(fieldChild(alternative, 'consequence')),
          orelse: lowerFrom(index + 1),
        },
      ];
    };
    return {
      kind: 'if',
      span: spanOf(node),
      test: this.expression(fieldChild(node, 'condition')),
      body: this.block(fieldChild(node, 'consequence')),
      orelse: lowerFrom(0),
    };
  }

  /** The `else:` of a loop; none when the loop has no such clause. */
  private elseBlock(node: SyntaxNode): Stmt[] {
    const clause = fieldChild(node, 'alternative');
    return clause ? this.block(fieldChild(clause, 'body')) : [];
  }

  private withItems(node: SyntaxNode): WithItem[] {
    const clause = node.children.find((child) => child.type === 'with_clause');
    const items: WithItem[] = [];
    for (const item of clause ? namedChildren(clause) : []) {
      const value = fieldChild(item, 'value') ?? namedChildren(item)[0];
      if (!value) continue;
      if (value.type === 'as_pattern') {
        const [context] = namedChildren(value);
        const alias = fieldChild(value, 'alias');
        items.push({ context: this.expression(context), target: alias ? this.target(namedChildren(alias)[0] ?? alias) : undefined });
      } else {
        items.push({ context: this.expression(value) });
      }
    }
    return items;
  }

  private tryStatement(node: SyntaxNode): Stmt {
    const handlers: ExceptHandler[] = [];
    let orelse: Stmt[] = [];
    let finalBody: Stmt[] = [];
    for (const child of node.children) {
      if (child.type === 'except_clause' || child.type === 'except_group_clause') handlers.push(this.exceptHandler(child));
      else if (child.type === 'else_clause') orelse = this.block(fieldChild(child, 'body'));
      else if (child.type === 'finally_clause') finalBody = this.block(child.children.find((part) => part.type === 'block'));
    }
    return { kind: 'try', span: spanOf(node), body: this.block(fieldChild(node, 'body')), handlers, orelse, finalBody };
  }

  private exceptHandler(node: SyntaxNode): ExceptHandler {
    const body = this.block(node.children.find((child) => child.type === 'block'));
    let type: Expr | undefined;
    let name: NameTarget | undefined;
    const alias = fieldChild(node, 'alias');
    const value = fieldChildren(node, 'value')[0] ?? namedChildren(node).find((child) => child.type !== 'block' && child.field !== 'alias');
    if (value?.type === 'as_pattern') {
      // Older trees: `except E as e` is an as_pattern.
      const [caught] = namedChildren(value);
      type = caught && this.expression(caught);
      const target = fieldChild(value, 'alias');
      const identifier = target && (target.type === 'identifier' ? target : namedChildren(target)[0]);
      if (identifier?.type === 'identifier') name = this.nameTarget(identifier);
    } else if (value) {
      type = this.expression(value);
    }
    if (alias?.type === 'identifier') name = this.nameTarget(alias);
    return { span: spanOf(node), type, name, body };
  }

  private matchStatement(node: SyntaxNode): Stmt {
    const subjects = fieldChildren(node, 'subject');
    const subject =
      subjects.length === 1 ? this.expression(subjects[0]) : { kind: 'sequence' as const, span: spanOf(node), shape: 'tuple' as const, items: subjects.map((part) => this.expression(part)) };
    const body = fieldChild(node, 'body');
    const cases: MatchCase[] = [];
    for (const clause of body ? body.children.filter((child) => child.type === 'case_clause') : []) {
      const patterns = clause.children.filter((child) => child.type === 'case_pattern');
      const guard = fieldChild(clause, 'guard');
      const pattern: Pattern = patterns.length === 1 ? this.pattern(patterns[0]) : { kind: 'structure', captures: patterns.flatMap((part) => this.captures(part)) };
      cases.push({
        pattern,
        guard: guard ? this.expression(namedChildren(guard)[0]) : undefined,
        body: this.block(fieldChild(clause, 'consequence')),
      });
    }
    return { kind: 'match', span: spanOf(node), subject, cases };
  }

  private pattern(node: SyntaxNode): Pattern {
    const inner = node.type === 'case_pattern' ? namedChildren(node)[0] : node;
    if (!inner) return { kind: 'wildcard' }; // `case _:`
    if (inner.type === 'identifier') return this.textOf(inner) === '_' ? { kind: 'wildcard' } : { kind: 'capture', target: this.nameTarget(inner) };
    if (inner.type === 'union_pattern') return { kind: 'or', patterns: namedChildren(inner).map((part) => this.pattern(part)) };
    const literal = this.literalPattern(inner);
    if (literal) return { kind: 'literal', value: literal };
    if (inner.type === 'as_pattern') return { kind: 'structure', captures: this.captures(inner) };
    return { kind: 'structure', captures: this.captures(inner) };
  }

  private literalPattern(node: SyntaxNode): Constant | undefined {
    switch (node.type) {
      case 'string':
      case 'concatenated_string':
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none': {
        const expression = this.expression(node);
        return expression.kind === 'constant' ? expression.value : undefined;
      }
      default:
        return undefined;
    }
  }

  /** Every name a structural pattern binds. */
  private captures(node: SyntaxNode): NameTarget[] {
    if (node.type === 'identifier') return this.textOf(node) === '_' ? [] : [this.nameTarget(node)];
    if (node.type === 'dotted_name') return [];
    const names: NameTarget[] = [];
    for (const child of namedChildren(node)) {
      if (child.type === 'dotted_name') continue; // class names and dotted constants bind nothing
      if (child.type === 'keyword_pattern') {
        const [, value] = namedChildren(child);
        if (value) names.push(...this.captures(value));
        continue;
      }
      names.push(...this.captures(child));
    }
    return names;
  }

  private deleteTargets(node: SyntaxNode): Target[] {
    if (node.type === 'expression_list') return namedChildren(node).map((child) => this.target(child));
    return [this.target(node)];
  }

  // --- Definitions -------------------------------------------------------------------------------

  private decorated(node: SyntaxNode): Stmt {
    const decorators = node.children.filter((child) => child.type === 'decorator').map((decorator) => this.expression(namedChildren(decorator)[0]));
    const definition = fieldChild(node, 'definition');
    const span = spanOf(node);
    if (definition?.type === 'function_definition') return { kind: 'function', span, fn: this.functionDef(definition, node, decorators) };
    if (definition?.type === 'class_definition') return { kind: 'class', span, cls: this.classDef(definition, node, decorators) };
    return { kind: 'unknown', span, parts: decorators };
  }

  functionDef(node: SyntaxNode, outer: SyntaxNode, decorators: Expr[]): FunctionDef {
    const nameNode = fieldChild(node, 'name');
    const parameters = this.parameters(fieldChild(node, 'parameters'));
    const isAsync = this.text.startsWith('async', node.start);
    return new LazyFunction(this, {
      name: nameNode ? this.textOf(nameNode) : '<function>',
      span: spanOf(outer),
      nameSpan: nameNode ? spanOf(nameNode) : spanOf(node),
      parameters,
      decorators,
      isAsync,
      bodyNode: fieldChild(node, 'body'),
    });
  }

  private classDef(node: SyntaxNode, outer: SyntaxNode, decorators: Expr[]): ClassDef {
    const nameNode = fieldChild(node, 'name');
    const superclasses = fieldChild(node, 'superclasses');
    return {
      name: nameNode ? this.textOf(nameNode) : '<class>',
      span: spanOf(outer),
      nameSpan: nameNode ? spanOf(nameNode) : spanOf(node),
      bases: superclasses ? this.arguments(superclasses) : [],
      decorators,
      body: this.block(fieldChild(node, 'body')),
    };
  }

  private parameters(node: SyntaxNode | undefined): Parameter[] {
    const parameters: Parameter[] = [];
    let keywordOnly = false;
    for (const child of node ? namedChildren(node) : []) {
      const add = (nameNode: SyntaxNode | undefined, kind: ParameterKind, defaultValue?: SyntaxNode, annotation?: SyntaxNode) => {
        if (!nameNode) return;
        const identifier = nameNode.type === 'identifier' ? nameNode : namedChildren(nameNode).find((part) => part.type === 'identifier');
        if (!identifier) return;
        parameters.push({
          name: this.textOf(identifier),
          span: spanOf(identifier),
          kind,
          defaultValue: defaultValue && this.expression(defaultValue),
          annotation: annotation && this.expression(annotation),
        });
      };
      const positionalKind: ParameterKind = keywordOnly ? 'keywordOnly' : 'positional';
      switch (child.type) {
        case 'identifier':
          add(child, positionalKind);
          break;
        case 'default_parameter':
          add(fieldChild(child, 'name'), positionalKind, fieldChild(child, 'value'));
          break;
        case 'typed_default_parameter':
          add(fieldChild(child, 'name'), positionalKind, fieldChild(child, 'value'), fieldChild(child, 'type'));
          break;
        case 'typed_parameter': {
          const inner = namedChildren(child).find((part) => part.field !== 'type');
          const annotation = fieldChild(child, 'type');
          if (inner?.type === 'list_splat_pattern') {
            add(inner, 'varargs', undefined, annotation);
            keywordOnly = true;
          } else if (inner?.type === 'dictionary_splat_pattern') add(inner, 'kwargs', undefined, annotation);
          else add(inner, positionalKind, undefined, annotation);
          break;
        }
        case 'list_splat_pattern':
          add(child, 'varargs');
          keywordOnly = true;
          break;
        case 'dictionary_splat_pattern':
          add(child, 'kwargs');
          break;
        case 'keyword_separator':
          keywordOnly = true;
          break;
        default:
          break; // `/` and Python 2 tuple parameters bind nothing we follow
      }
    }
    return parameters;
  }

  importBindings(node: SyntaxNode): ImportBinding[] {
    const bindings: ImportBinding[] = [];
    const span = spanOf(node);
    if (node.type === 'import_statement') {
      for (const name of fieldChildren(node, 'name')) {
        if (name.type === 'aliased_import') {
          const dotted = fieldChild(name, 'name');
          const alias = fieldChild(name, 'alias');
          if (dotted && alias) bindings.push({ local: this.textOf(alias), module: this.dotted(dotted), level: 0, span });
        } else if (name.type === 'dotted_name') {
          const module = this.dotted(name);
          bindings.push({ local: module.split('.')[0], module: module.split('.')[0], level: 0, span });
        }
      }
      return bindings;
    }
    const moduleNode = fieldChild(node, 'module_name');
    let module = '';
    let level = 0;
    if (moduleNode?.type === 'relative_import') {
      const prefix = moduleNode.children.find((child) => child.type === 'import_prefix');
      level = prefix ? this.textOf(prefix).replace(/\s/g, '').length : 0;
      const dotted = moduleNode.children.find((child) => child.type === 'dotted_name');
      module = dotted ? this.dotted(dotted) : '';
    } else if (moduleNode) {
      module = this.dotted(moduleNode);
    }
    for (const name of fieldChildren(node, 'name')) {
      if (name.type === 'aliased_import') {
        const dotted = fieldChild(name, 'name');
        const alias = fieldChild(name, 'alias');
        if (dotted && alias) bindings.push({ local: this.textOf(alias), module, name: this.dotted(dotted), level, span });
      } else if (name.type === 'dotted_name') {
        const imported = this.dotted(name);
        bindings.push({ local: imported, module, name: imported, level, span });
      }
    }
    return bindings;
  }

  private dotted(node: SyntaxNode): string {
    return this.textOf(node).replace(/\s+/g, '');
  }

  // --- Targets -----------------------------------------------------------------------------------

  nameTarget(node: SyntaxNode): NameTarget {
    return { kind: 'name', span: spanOf(node), name: this.textOf(node) };
  }

  target(node: SyntaxNode | undefined): Target {
    if (!node) return { kind: 'unknown', span: { start: 0, end: 0 } };
    const span = spanOf(node);
    switch (node.type) {
      case 'identifier':
        return this.nameTarget(node);
      case 'attribute': {
        const attribute = fieldChild(node, 'attribute');
        return { kind: 'attribute', span, object: this.expression(fieldChild(node, 'object')), attribute: attribute ? this.textOf(attribute) : '' };
      }
      case 'subscript':
        return { kind: 'subscript', span, object: this.expression(fieldChild(node, 'value')), index: this.subscriptIndex(node) };
      case 'pattern_list':
      case 'tuple_pattern':
      case 'list_pattern':
      case 'tuple':
      case 'list':
      case 'expression_list':
        return { kind: 'unpack', span, items: namedChildren(node).map((child) => this.target(child)) };
      case 'list_splat_pattern':
      case 'list_splat':
        return { kind: 'starred', span, target: this.target(namedChildren(node)[0]) };
      case 'parenthesized_expression':
        return this.target(namedChildren(node)[0]);
      default:
        return { kind: 'unknown', span };
    }
  }

  // --- Expressions -------------------------------------------------------------------------------

  unknown(node: SyntaxNode): Expr {
    return { kind: 'unknown', span: spanOf(node), parts: [] };
  }

  expression(node: SyntaxNode | undefined): Expr {
    if (!node) return { kind: 'unknown', span: { start: 0, end: 0 }, parts: [] };
    return this.deeper(
      () => this.unknown(node),
      () => this.expressionOf(node),
    );
  }

  private expressionOf(node: SyntaxNode): Expr {
    const span = spanOf(node);
    switch (node.type) {
      case 'identifier':
        return { kind: 'name', span, name: this.textOf(node) };
      case 'string':
        return this.stringExpression(node);
      case 'concatenated_string':
        return this.concatenatedString(node);
      case 'integer': {
        const value = integerLiteralValue(this.textOf(node));
        return value ? { kind: 'constant', span, value } : this.unknown(node);
      }
      case 'float': {
        const value = floatLiteralValue(this.textOf(node));
        return value ? { kind: 'constant', span, value } : this.unknown(node);
      }
      case 'true':
      case 'false':
        return { kind: 'constant', span, value: bool(node.type === 'true') };
      case 'none':
        return { kind: 'constant', span, value: none };
      case 'ellipsis':
        return { kind: 'constant', span, value: ellipsisConstant };
      case 'attribute': {
        const attribute = fieldChild(node, 'attribute');
        return { kind: 'attribute', span, object: this.expression(fieldChild(node, 'object')), attribute: attribute ? this.textOf(attribute) : '' };
      }
      case 'subscript':
        return { kind: 'subscript', span, object: this.expression(fieldChild(node, 'value')), index: this.subscriptIndex(node) };
      case 'slice':
        return this.slice(node);
      case 'call':
        return this.call(node);
      case 'binary_operator': {
        const operator = fieldChild(node, 'operator');
        return {
          kind: 'binary',
          span,
          operator: operator ? operator.type : '?',
          left: this.expression(fieldChild(node, 'left')),
          right: this.expression(fieldChild(node, 'right')),
        };
      }
      case 'unary_operator': {
        const operator = fieldChild(node, 'operator');
        return { kind: 'unary', span, operator: operator ? operator.type : '?', operand: this.expression(fieldChild(node, 'argument')) };
      }
      case 'not_operator':
        return { kind: 'unary', span, operator: 'not', operand: this.expression(fieldChild(node, 'argument')) };
      case 'boolean_operator': {
        const operator = fieldChild(node, 'operator');
        return {
          kind: 'logical',
          span,
          operator: operator?.type === 'or' ? 'or' : 'and',
          left: this.expression(fieldChild(node, 'left')),
          right: this.expression(fieldChild(node, 'right')),
        };
      }
      case 'comparison_operator':
        return {
          kind: 'compare',
          span,
          operators: fieldChildren(node, 'operators').map((operator) => operator.type.replace(/\s+/g, ' ')),
          operands: namedChildren(node).map((operand) => this.expression(operand)),
        };
      case 'conditional_expression': {
        const [body, test, orelse] = namedChildren(node);
        return { kind: 'conditional', span, test: this.expression(test), body: this.expression(body), orelse: this.expression(orelse) };
      }
      case 'parenthesized_expression': {
        const inner = namedChildren(node)[0];
        return inner ? this.expression(inner) : this.unknown(node);
      }
      case 'tuple':
      case 'expression_list':
      case 'pattern_list':
        return { kind: 'sequence', span, shape: 'tuple', items: namedChildren(node).map((child) => this.expression(child)) };
      case 'list':
        return { kind: 'sequence', span, shape: 'list', items: namedChildren(node).map((child) => this.expression(child)) };
      case 'set':
        return { kind: 'sequence', span, shape: 'set', items: namedChildren(node).map((child) => this.expression(child)) };
      case 'dictionary':
        return { kind: 'dict', span, entries: namedChildren(node).map((child) => this.dictEntry(child)) };
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression':
        return {
          kind: 'comprehension',
          span,
          shape: node.type === 'list_comprehension' ? 'list' : node.type === 'set_comprehension' ? 'set' : 'generator',
          element: this.expression(fieldChild(node, 'body')),
          clauses: this.comprehensionClauses(node),
        };
      case 'dictionary_comprehension': {
        const pair = fieldChild(node, 'body');
        return {
          kind: 'comprehension',
          span,
          shape: 'dict',
          key: this.expression(pair && fieldChild(pair, 'key')),
          element: this.expression(pair && fieldChild(pair, 'value')),
          clauses: this.comprehensionClauses(node),
        };
      }
      case 'lambda':
        return { kind: 'lambda', span, fn: this.lambda(node) };
      case 'await':
        return { kind: 'await', span, value: this.expression(namedChildren(node)[0]) };
      case 'named_expression': {
        const name = fieldChild(node, 'name');
        return {
          kind: 'walrus',
          span,
          target: name ? this.nameTarget(name) : { kind: 'name', span, name: '_' },
          value: this.expression(fieldChild(node, 'value')),
        };
      }
      case 'list_splat':
      case 'dictionary_splat':
      case 'parenthesized_list_splat':
        return { kind: 'starred', span, value: this.expression(namedChildren(node)[0]) };
      case 'yield': {
        const value = namedChildren(node)[0];
        return { kind: 'yield', span, value: value && this.expression(value) };
      }
      case 'keyword_argument':
        return this.expression(fieldChild(node, 'value'));
      case 'type': {
        // An annotation: `int` in `x: int` is wrapped in a `type` node.
        const inner = namedChildren(node);
        return inner.length === 1 ? this.expression(inner[0]) : this.unknown(node);
      }
      default:
        return { kind: 'unknown', span, parts: namedChildren(node).map((child) => this.expression(child)) };
    }
  }

  private stringExpression(node: SyntaxNode): Expr {
    const span = spanOf(node);
    const literal = this.textOf(node);
    if (!isFormattedLiteral(literal)) {
      const value = stringLiteralValue(literal);
      return value ? { kind: 'constant', span, value } : this.unknown(node);
    }
    const raw = stringPrefix(literal)?.raw ?? false;
    const parts: FormatPart[] = [];
    for (const child of node.children) {
      if (child.type === 'string_content') {
        const text = formattedTextValue(this.textOf(child), raw);
        if (text === undefined) return { kind: 'unknown', span, parts: this.interpolations(node) };
        parts.push({ text });
      } else if (child.type === 'interpolation') {
        const expression = fieldChild(child, 'expression');
        const formatted = !!fieldChild(child, 'format_specifier') || !!fieldChild(child, 'type_conversion');
        parts.push({ value: this.expression(expression), formatted });
      }
    }
    return { kind: 'format', span, parts };
  }

  private interpolations(node: SyntaxNode): Expr[] {
    return node.children.filter((child) => child.type === 'interpolation').map((child) => this.expression(fieldChild(child, 'expression')));
  }

  /** `"a" "b"` folds to one constant; with an f-string among them, one formatted string. */
  private concatenatedString(node: SyntaxNode): Expr {
    const span = spanOf(node);
    const parts: FormatPart[] = [];
    let kind: 'str' | 'bytes' | undefined;
    for (const child of namedChildren(node)) {
      const part = this.expression(child);
      if (part.kind === 'constant' && (part.value.type === 'str' || part.value.type === 'bytes')) {
        kind ??= part.value.type;
        parts.push({ text: part.value.value });
      } else if (part.kind === 'format') {
        parts.push(...part.parts);
      } else {
        return { kind: 'unknown', span, parts: [] };
      }
    }
    if (parts.every((part) => 'text' in part)) {
      const text = parts.map((part) => (part as { text: string }).text).join('');
      const value: Constant | undefined = kind === 'bytes' ? { type: 'bytes', value: text } : str(text);
      return value ? { kind: 'constant', span, value } : this.unknown(node);
    }
    return { kind: 'format', span, parts };
  }

  private subscriptIndex(node: SyntaxNode): Expr {
    const indexes = fieldChildren(node, 'subscript');
    if (indexes.length === 1) return this.expression(indexes[0]);
    return { kind: 'sequence', span: spanOf(node), shape: 'tuple', items: indexes.map((index) => this.expression(index)) };
  }

  /** `a:b:c`: which bounds are present follows from where the colons are. */
  private slice(node: SyntaxNode): Expr {
    const bounds: (SyntaxNode | undefined)[] = [undefined, undefined, undefined];
    let position = 0;
    for (const child of node.children) {
      if (child.type === ':') position++;
      else if (child.named && position < 3) bounds[position] = child;
    }
    const [lower, upper, step] = bounds;
    return {
      kind: 'slice',
      span: spanOf(node),
      lower: lower && this.expression(lower),
      upper: upper && this.expression(upper),
      step: step && this.expression(step),
    };
  }

  private call(node: SyntaxNode): Expr {
    const argumentsNode = fieldChild(node, 'arguments');
    let args: Argument[] = [];
    if (argumentsNode?.type === 'argument_list') args = this.arguments(argumentsNode);
    else if (argumentsNode) args = [{ value: this.expression(argumentsNode), span: spanOf(argumentsNode) }]; // f(x for x in y)
    return { kind: 'call', span: spanOf(node), callee: this.expression(fieldChild(node, 'function')), args };
  }

  arguments(node: SyntaxNode): Argument[] {
    const args: Argument[] = [];
    for (const child of namedChildren(node)) {
      const span = spanOf(child);
      if (child.type === 'keyword_argument') {
        const name = fieldChild(child, 'name');
        args.push({ name: name ? this.textOf(name) : undefined, value: this.expression(fieldChild(child, 'value')), span });
      } else if (child.type === 'list_splat') {
        args.push({ value: this.expression(namedChildren(child)[0]), spread: 'positional', span });
      } else if (child.type === 'dictionary_splat') {
        args.push({ value: this.expression(namedChildren(child)[0]), spread: 'keyword', span });
      } else {
        args.push({ value: this.expression(child), span });
      }
    }
    return args;
  }

  private dictEntry(node: SyntaxNode): DictEntry {
    if (node.type === 'pair') return { key: this.expression(fieldChild(node, 'key')), value: this.expression(fieldChild(node, 'value')) };
    return { value: this.expression(namedChildren(node)[0]) }; // **other
  }

  private comprehensionClauses(node: SyntaxNode): ComprehensionClause[] {
    const clauses: ComprehensionClause[] = [];
    for (const child of node.children) {
      if (child.type === 'for_in_clause') {
        const right = fieldChildren(child, 'right').filter((part) => part.named);
        const iter =
          right.length === 1 ? this.expression(right[0]) : { kind: 'sequence' as const, span: spanOf(child), shape: 'tuple' as const, items: right.map((part) => this.expression(part)) };
        clauses.push({ target: this.target(fieldChild(child, 'left')), iter, conditions: [] });
      } else if (child.type === 'if_clause' && clauses.length > 0) {
        (clauses[clauses.length - 1].conditions as Expr[]).push(this.expression(namedChildren(child)[0]));
      }
    }
    return clauses;
  }

  private lambda(node: SyntaxNode): FunctionDef {
    const body = fieldChild(node, 'body');
    const span = spanOf(node);
    const returned: Stmt = { kind: 'return', span: body ? spanOf(body) : span, value: this.expression(body) };
    return {
      name: '<lambda>',
      span,
      nameSpan: span,
      parameters: this.parameters(fieldChild(node, 'parameters')),
      decorators: [],
      isAsync: false,
      body: [returned],
      nested: [],
    };
  }
}

interface LazyFunctionParts {
  name: string;
  span: Span;
  nameSpan: Span;
  parameters: Parameter[];
  decorators: Expr[];
  isAsync: boolean;
  bodyNode: SyntaxNode | undefined;
}

/** A function whose body is copied from the tree and lowered the first time it is read. */
class LazyFunction implements FunctionDef {
  readonly name: string;
  readonly span: Span;
  readonly nameSpan: Span;
  readonly parameters: readonly Parameter[];
  readonly decorators: readonly Expr[];
  readonly isAsync: boolean;
  private bodyNode: SyntaxNode | undefined;
  private lowered: { body: Stmt[]; nested: FunctionUnit[] } | undefined;

  constructor(
    private readonly lowering: Lowering,
    parts: LazyFunctionParts,
  ) {
    this.name = parts.name;
    this.span = parts.span;
    this.nameSpan = parts.nameSpan;
    this.parameters = parts.parameters;
    this.decorators = parts.decorators;
    this.isAsync = parts.isAsync;
    this.bodyNode = parts.bodyNode;
  }

  get body(): readonly Stmt[] {
    return this.lower().body;
  }

  get nested(): readonly FunctionUnit[] {
    return this.lower().nested;
  }

  private lower(): { body: Stmt[]; nested: FunctionUnit[] } {
    if (!this.lowered) {
      let node = this.bodyNode;
      if (node?.deferred) {
        const live = this.lowering.treeSource ? blockAt(this.lowering.treeSource.root(), node.start, node.end) : (node.deferred as Node);
        node = live ? copySyntaxTree(live, this.lowering.copyOptions) : undefined;
      }
      const body = this.lowering.block(node);
      this.lowered = { body, nested: functionUnits(body) };
      this.bodyNode = undefined;
    }
    return this.lowered;
  }
}

/**
 * Functions defined in `body` but not inside another function: in branches, loops and `try`
 * blocks too, and the methods of classes defined there.
 */
function functionUnits(body: readonly Stmt[]): FunctionUnit[] {
  const found: FunctionUnit[] = [];
  const visit = (statements: readonly Stmt[], cls: ClassDef | undefined) => {
    for (const statement of statements) {
      switch (statement.kind) {
        case 'function':
          found.push({ fn: statement.fn, cls });
          break;
        case 'class':
          visit(statement.cls.body, statement.cls);
          break;
        case 'if':
        case 'while':
        case 'for':
          visit(statement.body, cls);
          visit(statement.orelse, cls);
          break;
        case 'with':
          visit(statement.body, cls);
          break;
        case 'try':
          visit(statement.body, cls);
          statement.handlers.forEach((handler) => visit(handler.body, cls));
          visit(statement.orelse, cls);
          visit(statement.finalBody, cls);
          break;
        case 'match':
          statement.cases.forEach((match) => visit(match.body, cls));
          break;
        default:
          break;
      }
    }
  };
  visit(body, undefined);
  return found;
}

/** The function body (a block) with exactly this range in a tree of the same text. */
function blockAt(root: Node, start: number, end: number): Node | undefined {
  for (let node: Node | null = root.descendantForIndex(start, end); node; node = node.parent) {
    if (node.type === 'block' && node.startIndex === start && node.endIndex === end) return node;
    if (node.startIndex < start || node.endIndex > end) break;
  }
  return undefined;
}

/**
 * Lowers a module; function bodies are lowered when first read. Without `treeSource`, `root`
 * must stay alive (not deleted) while bodies may still be read; with one, bodies are found in
 * whatever tree it gives. `eager` lowers every body at once.
 */
export function lowerPythonModule(root: Node, text: string, options: { eager?: boolean; treeSource?: TreeSource } = {}): LoweredModule {
  const lowering = new Lowering(text, options.treeSource);
  const copy = copySyntaxTree(root, lowering.copyOptions);
  const body = lowering.block(copy);
  const units = functionUnits(body);
  if (options.eager) {
    const lowerAll = (list: readonly FunctionUnit[]) => list.forEach((unit) => lowerAll(unit.fn.nested));
    lowerAll(units);
  }
  return { body, units };
}
