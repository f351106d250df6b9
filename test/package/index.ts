// Entry of the packaged-VSIX tests: VS Code loads this module in the extension host of a
// code-server that has the linux-x64 VSIX installed (and no development extension), and calls run().
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec', grep: process.env.LLAMA_REVIEW_TEST_GREP });
  const files = readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
  for (const file of files) mocha.addFile(join(__dirname, file));
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} packaged-VSIX test${failures === 1 ? '' : 's'} failed.`);
}
