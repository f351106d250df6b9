// A small, fixed fuzz run on every test run: mutated standard-library files through one
// long-lived analyzer (as the editor's worker holds one), each checked against a fresh analyzer,
// with positions and fixes checked. `npm run fuzz` runs the long campaign.
import * as assert from 'node:assert/strict';
import { mutatedFiles } from '../../support/fuzzMutator';
import { fuzzSeeds } from '../../support/fuzzSeeds';
import { fuzzInThread, type FuzzFileResult } from '../../support/fuzzThread';

const seed = 11;
const fileCount = 200;
/** Nesting, line lengths and repeats at a tenth of the campaign's: the same kinds, in seconds. */
const scale = 0.1;

describe('fuzz (fixed seed)', () => {
  it(`analyzes ${fileCount} mutated files in one analyzer: no throw, valid positions, the same as a fresh analyzer, fixes that keep the rest`, async () => {
    const { seeds } = fuzzSeeds(60, 40_000);
    assert.ok(seeds.length > 0);
    const files = [...mutatedFiles(seeds, fileCount, seed, scale)].map((file, index) => ({ index, bytes: file.bytes, mutations: file.mutations }));
    const longLived: FuzzFileResult[] = [];
    const fresh: FuzzFileResult[] = [];
    const inputs = files.map(({ index, bytes }) => ({ index, bytes }));
    const half = Math.ceil(fileCount / 2);
    // The reference pays for a query compile per file, so it runs in two threads beside the long-lived one.
    await Promise.all([
      fuzzInThread({ mode: 'long-lived', options: {}, checkFixes: true }, inputs, (result) => longLived.push(result)),
      fuzzInThread({ mode: 'fresh', options: {}, checkFixes: false }, inputs.slice(0, half), (result) => (fresh[result.index] = result)),
      fuzzInThread({ mode: 'fresh', options: {}, checkFixes: false }, inputs.slice(half), (result) => (fresh[result.index] = result)),
    ]);
    assert.equal(longLived.length, fileCount);
    const problems: string[] = [];
    for (const result of longLived) {
      const label = `file ${result.index} (${files[result.index].mutations.join(', ')})`;
      if (result.threw) problems.push(`${label}: threw ${result.threw}`);
      problems.push(...result.positionProblems.map((problem) => `${label}: ${problem}`));
      if (result.fix?.changedOutsideEdits) problems.push(`${label}: a fix changed text outside its edits`);
      if (result.fix?.brokeSyntax) problems.push(`${label}: the fixes broke the syntax`);
      const reference = fresh[result.index];
      // A timeout depends on the machine's load, not on the analyzer's history: not comparable.
      if (result.skipped === 'timeout' || reference.skipped === 'timeout') continue;
      if (result.skipped !== reference.skipped || result.findings.join('\n') !== reference.findings.join('\n')) {
        problems.push(`${label}: differs from a fresh analyzer (${result.skipped ?? result.findings.length} vs ${reference.skipped ?? reference.findings.length})`);
      }
    }
    assert.deepEqual(problems, []);
    assert.equal(longLived[longLived.length - 1].wasmTrapsSoFar, 0);
  });
});
