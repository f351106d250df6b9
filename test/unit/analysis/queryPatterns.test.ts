// Splitting queries into patterns: what the engine relies on to share identical patterns.
import * as assert from 'node:assert/strict';
import { Query } from 'web-tree-sitter';
import { LanguageParser } from '../../../src/analysis/parser';
import { splitQueryPatterns } from '../../../src/analysis/queryPatterns';
import { rulesForLanguage } from '../../../src/analysis/rules';

describe('query patterns', () => {
  it('splits at top-level patterns, keeping captures, quantifiers and predicates with theirs', () => {
    const source = `
      ; calls
      (call function: (_) @callee) @call
      [(string) (concatenated_string)] @text
      ((identifier) @name (#eq? @name "a;b )"))
      (block (expression_statement)+ @body)*
      (comment) @comment ; trailing note`;
    assert.deepEqual(splitQueryPatterns(source), [
      '(call function: (_) @callee) @call',
      '[(string) (concatenated_string)] @text',
      '((identifier) @name (#eq? @name "a;b )"))',
      '(block (expression_statement)+ @body)*',
      '(comment) @comment',
    ]);
  });

  it('finds as many patterns in every rule as tree-sitter compiles', async () => {
    const parser = await LanguageParser.create('python');
    try {
      for (const rule of rulesForLanguage('python')) {
        const query = new Query(parser.grammar, rule.query);
        assert.equal(splitQueryPatterns(rule.query).length, query.patternCount(), rule.meta.id);
        query.delete();
      }
    } finally {
      parser.dispose();
    }
  });
});
