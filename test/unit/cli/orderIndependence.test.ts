// A file's findings must not depend on which files were analyzed before it in the same worker:
// the flow layer's shared state keeps modules other files imported, and a framework learnt from
// one of those (a Django view base class) once leaked into files that never import it.
import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/runCli';

function findingsOf(stdout: string, file: string): string[] {
  const findings = JSON.parse(stdout) as { file: string; ruleId: string; line: number }[];
  return findings.filter((finding) => finding.file.endsWith(file)).map((finding) => `${finding.ruleId}@${finding.line}`).sort();
}

describe('CLI: findings do not depend on the order files are analyzed in', function () {
  this.timeout(60_000);

  it('reports a file the same alone and after a file that imports a framework base class', async () => {
    const project = mkdtempSync(join(tmpdir(), 'llama-review-order-'));
    mkdirSync(join(project, 'pkg'));
    writeFileSync(join(project, 'pkg', '__init__.py'), '');
    writeFileSync(join(project, 'pkg', 'base.py'), 'from django.views import View\n\n\nclass Base(View):\n    pass\n');
    writeFileSync(join(project, 'pkg', 'a_views.py'), 'from pkg.base import Base\n\n\nclass Page(Base):\n    def get(self, request):\n        return request.GET.get("q")\n');
    writeFileSync(join(project, 'pkg', 'z_download.py'), 'from urllib.request import urlretrieve\n\n\ndef download(request):\n    urlretrieve(request.GET["source"], "/srv/cache/file")\n');
    const alone = await runCli(['check', '--format', 'json', '--no-config', '--jobs', '1', 'pkg/z_download.py'], project);
    const together = await runCli(['check', '--format', 'json', '--no-config', '--jobs', '1', 'pkg'], project);
    assert.ok(findingsOf(alone.stdout, 'z_download.py').length > 0, alone.stdout.slice(0, 400));
    assert.deepEqual(findingsOf(together.stdout, 'z_download.py'), findingsOf(alone.stdout, 'z_download.py'));
  });
});
