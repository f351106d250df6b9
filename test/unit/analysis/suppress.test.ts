// Suppression comments, parsed on their own and applied by the engine.
import * as assert from 'node:assert/strict';
import { Analyzer } from '../../../src/analysis/engine';
import type { Finding } from '../../../src/analysis/finding';
import { parseSuppressionComment, suppressionCommentFor } from '../../../src/analysis/suppress';

const evalFinding: Finding = {
  ruleId: 'eval-used',
  aliases: ['B307', 'S307'],
  category: 'security',
  severity: 'warning',
  confidence: 'high',
  cwe: 95,
  message: 'eval',
  range: { start: { line: 0, column: 0 }, end: { line: 0, column: 4 } },
  source: 'parse',
};

describe('suppression comments', () => {
  let analyzer: Analyzer;
  before(async () => {
    analyzer = await Analyzer.create();
  });
  after(() => analyzer.dispose());

  const flagged = (code: string) => analyzer.analyze(code, 'python', { select: ['eval-used'] }).findings.length;

  it('flags the unsuppressed line (the baseline for the cases below)', () => {
    assert.equal(flagged('eval(data)\n'), 1);
  });

  const suppressing: [string, string][] = [
    ['bare noqa', 'eval(data)  # noqa\n'],
    ['noqa with the Ruff code', 'eval(data)  # noqa: S307\n'],
    ['noqa with a list', 'eval(data)  # noqa: E501, S307\n'],
    ['noqa without a space', 'eval(data)  #noqa:S307\n'],
    ['bare nosec', 'eval(data)  # nosec\n'],
    ['nosec with the Bandit id', 'eval(data)  # nosec B307\n'],
    ['nosec with a list', 'eval(data)  # nosec B602,B307\n'],
    ['nosec with prose after it', 'eval(data)  # nosec - input is a constant table\n'],
    ['our own ignore with the rule id', 'eval(data)  # llama-review: ignore[eval-used]\n'],
    ['our own bare ignore', 'eval(data)  # llama-review: ignore\n'],
    ['file-level ignore', '# llama-review: ignore-file[eval-used]\nx = 1\neval(data)\n'],
    ['a comment on the closing line of a multi-line call', 'eval(\n    data\n)  # nosec B307\n'],
  ];
  for (const [name, code] of suppressing) {
    it(`suppresses with ${name}`, () => assert.equal(flagged(code), 0));
  }

  const notSuppressing: [string, string][] = [
    ['noqa for another code', 'eval(data)  # noqa: E501\n'],
    ['nosec for another Bandit id', 'eval(data)  # nosec B602\n'],
    ['our ignore for another rule', 'eval(data)  # llama-review: ignore[exec-used]\n'],
    ['a directive on another line', '# noqa\neval(data)\n'],
    ['the word noqa inside a string', 'eval(data + "# noqa")\n'],
    ['a Ruff bugbear code that looks like a Bandit id', 'eval(data)  # nosec B006\n'],
  ];
  for (const [name, code] of notSuppressing) {
    it(`does not suppress with ${name}`, () => assert.equal(flagged(code), 1));
  }

  it('reads codes case-insensitively', () => {
    const { line } = parseSuppressionComment('# NOQA: s307');
    assert.equal(line.length, 1);
    assert.ok(line[0].codes?.has('s307'));
  });

  it('writes the comment in each style', () => {
    assert.equal(suppressionCommentFor(evalFinding), '# llama-review: ignore[eval-used]');
    assert.equal(suppressionCommentFor(evalFinding, 'noqa'), '# noqa: S307');
    assert.equal(suppressionCommentFor(evalFinding, 'nosec'), '# nosec B307');
    const noAlias = { ...evalFinding, ruleId: 'x-rule', aliases: [] };
    assert.equal(suppressionCommentFor(noAlias, 'nosec'), '# llama-review: ignore[x-rule]');
  });

  it('writes comments that the engine honours', () => {
    for (const style of ['llama-review', 'noqa', 'nosec'] as const) {
      assert.equal(flagged(`eval(data)  ${suppressionCommentFor(evalFinding, style)}\n`), 0, style);
    }
  });
});
