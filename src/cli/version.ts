// The package version, read from package.json beside the bundle or the checkout.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function toolVersion(): string {
  for (let folder = __dirname; ; folder = dirname(folder)) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest)) {
      try {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
        if (parsed.name === 'llama-review' && parsed.version) return parsed.version;
      } catch {
        // A broken package.json higher up is not ours; keep looking.
      }
    }
    if (dirname(folder) === folder) return '0.0.0';
  }
}
