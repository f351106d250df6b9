// A throwaway second language: JavaScript with one toy rule, to show that a language is one record
// (docs/adding-a-language.md). It is not shipped; tests add it with addLanguageModule(), which is
// why it is a module of its own: the CLI's check workers load it by its path.
import type { LanguageSupport } from '../../src/analysis/languages';
import type { Rule } from '../../src/analysis/rules/rule';

const evalCall: Rule = {
  meta: {
    id: 'js-eval',
    title: 'Use of eval()',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 95,
    aliases: [],
    why: 'eval() runs any JavaScript it is given.',
    doInstead: 'Parse the data (JSON.parse) or look the operation up in a table.',
    languages: ['javascript'],
  },
  query: '(call_expression function: (identifier) @callee (#eq? @callee "eval")) @call',
  mentions: /\beval\b/,
  check(match, context) {
    context.report({ node: match.get('call') });
  },
};

export const language: LanguageSupport = {
  id: 'javascript',
  name: 'JavaScript',
  files: { extensions: ['.js', '.mjs', '.cjs'] },
  editorLanguageIds: ['javascript'],
  comment: { open: '//', close: '' },
  markdownFence: 'javascript',
  analysis: {
    kind: 'tree-sitter',
    grammar: { packageName: 'tree-sitter-javascript', wasm: 'tree-sitter-javascript.wasm' },
    commentQuery: '(comment) @comment',
    rules: [evalCall],
  },
};
