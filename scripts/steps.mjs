// Shared by the test runners: named, timed steps and commands run in the repository.
import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Runs `action` under a heading and prints how long it took. */
export function step(title, action) {
  const started = performance.now();
  console.log(`==> ${title}`);
  const result = action();
  console.log(`    ${title}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

/** Runs a command in the repository with its output shown; throws when it fails. */
export function run(command, args) {
  execFileSync(command, args, { cwd: repo, stdio: 'inherit' });
}
