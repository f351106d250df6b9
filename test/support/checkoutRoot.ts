// The checkout's root, found from wherever the compiled tests land (out/, out-integration/, ...):
// the nearest folder above them with test/fixtures and a package.json. Imports nothing from src/,
// so every test project can include it.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findCheckoutRoot(): string {
  for (let folder = __dirname; ; folder = dirname(folder)) {
    if (existsSync(join(folder, 'test', 'fixtures')) && existsSync(join(folder, 'package.json'))) return folder;
    if (dirname(folder) === folder) return process.cwd();
  }
}

export const repositoryRoot = findCheckoutRoot();
