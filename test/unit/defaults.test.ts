// One set of analysis defaults: what the engine and the CLI use is what the editor's settings
// contribute in package.json.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultMaxBytes, defaultThresholds, defaultTimeBudgetMs } from '../../src/analysis/defaults';
import { repositoryRoot } from '../support/fixtures';

describe('analysis defaults', () => {
  it('are the defaults package.json contributes for the settings', () => {
    const manifest = JSON.parse(readFileSync(join(repositoryRoot, 'package.json'), 'utf8'));
    const sections = manifest.contributes.configuration as { properties: Record<string, { default?: unknown }> }[];
    const defaults = Object.fromEntries(sections.flatMap((section) => Object.entries(section.properties)).map(([key, value]) => [key, value.default]));
    assert.equal(defaults['llamaReview.maxFileSizeKB'], defaultMaxBytes / 1024);
    assert.equal(defaults['llamaReview.timeBudgetMs'], defaultTimeBudgetMs);
    assert.equal(defaults['llamaReview.thresholds.complexity'], defaultThresholds.complexity);
    assert.equal(defaults['llamaReview.thresholds.nesting'], defaultThresholds.nesting);
  });
});
