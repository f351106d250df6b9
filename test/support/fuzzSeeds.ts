// Real Python for the mutator to start from: the standard library when the machine has one (as
// the benchmarks use), else the rule fixtures. Sorted, so a seed gives the same files each run.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesRoot } from './fixtures';

function pythonFiles(folder: string, limit: number, maxBytes: number): string[] {
  const found: string[] = [];
  const visit = (current: string) => {
    for (const entry of readdirSync(current).sort()) {
      if (found.length >= limit) return;
      const path = join(current, entry);
      const stat = statSync(path);
      if (stat.isDirectory() && !['__pycache__', 'site-packages', 'dist-packages', 'test', 'tests'].includes(entry)) visit(path);
      else if (stat.isFile() && entry.endsWith('.py') && stat.size > 0 && stat.size <= maxBytes) found.push(path);
    }
  };
  visit(folder);
  return found;
}

function standardLibrary(): string | undefined {
  if (!existsSync('/usr/lib')) return undefined;
  const versions = readdirSync('/usr/lib').filter((name) => /^python3\.\d+$/.test(name)).sort((a, b) => Number(b.split('.')[1]) - Number(a.split('.')[1]));
  return versions.length > 0 ? join('/usr/lib', versions[0]) : undefined;
}

/** Up to `limit` seed files of at most `maxBytes` each, as bytes. */
export function fuzzSeeds(limit: number, maxBytes: number): { folder: string; seeds: Buffer[] } {
  const folder = process.env.LLAMA_REVIEW_FUZZ_CORPUS ?? standardLibrary() ?? join(fixturesRoot, 'python');
  return { folder, seeds: pythonFiles(folder, limit, maxBytes).map((path) => readFileSync(path)) };
}
