// The finder of the definitions around an offset: what prompts, explain and fingerprints rely on.
import * as assert from 'node:assert/strict';
import { enclosingDefinitionName, innermostFunction } from '../../../src/analysis/enclosingDefinition';
import { LanguageParser } from '../../../src/analysis/parser';

const source = [
  'import os',
  '',
  'class Service:',
  '    limit = 3',
  '',
  '    @staticmethod',
  '    def handle(request):',
  '        def inner():',
  '            return eval(request)',
  '        if request:',
  '            class Local:',
  '                pass',
  '        return inner',
  '',
  'def top():',
  '    return 1',
  '',
].join('\n');

describe('enclosing definitions', () => {
  let parser: LanguageParser;
  before(async () => (parser = await LanguageParser.create('python')));
  after(() => parser.dispose());

  function nameAt(needle: string, text = source): string {
    const tree = parser.parse(text);
    try {
      return enclosingDefinitionName(tree.rootNode, text.indexOf(needle));
    } finally {
      tree.delete();
    }
  }

  it('names the classes and functions around an offset, outermost first', () => {
    assert.equal(nameAt('eval(request)'), 'Service.handle.inner');
    assert.equal(nameAt('limit = 3'), 'Service');
    assert.equal(nameAt('pass'), 'Service.handle.Local');
    assert.equal(nameAt('return 1'), 'top');
    assert.equal(nameAt('import os'), '');
  });

  it('counts a decorated method from its decorator, and its header as inside it', () => {
    assert.equal(nameAt('@staticmethod'), 'Service.handle');
    assert.equal(nameAt('handle(request)'), 'Service.handle');
  });

  it('finds the innermost function, skipping classes inside it', () => {
    const tree = parser.parse(source);
    try {
      assert.equal(innermostFunction(tree.rootNode, source.indexOf('pass'))?.childForFieldName('name')?.text, 'handle');
      assert.equal(innermostFunction(tree.rootNode, source.indexOf('limit')), undefined);
    } finally {
      tree.delete();
    }
  });

  it('stops at expressions, however deep, and still names the function around them', () => {
    const chain = `def deep(x):\n    return ${Array.from({ length: 3000 }, () => 'x').join(' + ')}\n`;
    assert.equal(nameAt('x + x', chain), 'deep');
  });
});
