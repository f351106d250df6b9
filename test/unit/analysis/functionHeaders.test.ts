// Every function of a file with its header (decorators to signature), with the real Python grammar.
import * as assert from 'node:assert/strict';
import { functionHeaders } from '../../../src/analysis/functionHeaders';
import { LanguageParser } from '../../../src/analysis/parser';
import { reviewSample } from '../../support/reviewSample';

describe('function headers', () => {
  let parser: LanguageParser;
  before(async () => {
    parser = await LanguageParser.create('python');
  });
  after(() => parser.dispose());

  const headersOf = (text: string) => {
    const tree = parser.parse(text);
    try {
      return functionHeaders(tree.rootNode);
    } finally {
      tree.delete();
    }
  };

  it('gives each route its decorators and def line, and its whole span', () => {
    const headers = headersOf(reviewSample);
    assert.deepEqual(headers.map((header) => [header.name, header.header, header.span, header.decorated, header.nested]), [
      ['profile', { startLine: 6, endLine: 8 }, { startLine: 6, endLine: 9 }, true, false],
      ['delete_user', { startLine: 12, endLine: 13 }, { startLine: 12, endLine: 16 }, true, false],
      ['export', { startLine: 19, endLine: 21 }, { startLine: 19, endLine: 23 }, true, false],
    ]);
  });

  it('runs a header to the line its signature ends on, and marks functions inside functions', () => {
    const text = ['def create_app():', '    @app.route("/")', '    def index(', '        page=1,', '    ):', '        return page', '    return app', '', 'class Views:', '    def show(self):', '        return 1', ''].join('\n');
    const headers = headersOf(text);
    assert.deepEqual(headers.map((header) => [header.name, header.header, header.decorated, header.nested]), [
      ['create_app', { startLine: 0, endLine: 0 }, false, false],
      ['index', { startLine: 1, endLine: 4 }, true, true],
      ['show', { startLine: 9, endLine: 9 }, false, false],
    ]);
  });
});
