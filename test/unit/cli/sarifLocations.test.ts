// Where SARIF says files are: relative to `%SRCROOT%`, which the run defines as the git repository
// root of the scanned paths (else the working directory), percent-encoded; files outside the root
// keep absolute `file:` URIs. No copy of the SARIF 2.1.0 JSON schema is available offline here, so
// the locations are checked against the rules the schema and GitHub code scanning set for them.
import * as assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactUri, folderUri } from '../../../src/cli/pathNames';
import { runCli as cli } from '../../support/runCli';

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** Every artifactLocation anywhere in the log. */
function artifactLocations(value: unknown): ArtifactLocation[] {
  if (Array.isArray(value)) return value.flatMap(artifactLocations);
  if (!value || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => (key === 'artifactLocation' ? [child as ArtifactLocation] : artifactLocations(child)));
}

/** A relative reference against %SRCROOT% (no scheme, no leading `/` or `./`), or an absolute file URI alone; only URI characters. */
function assertWellFormed(location: ArtifactLocation): void {
  assert.match(location.uri, /^[A-Za-z0-9\-._~/%:]+$/, location.uri);
  if (location.uriBaseId === undefined) {
    assert.match(location.uri, /^file:\/\/\//, location.uri);
  } else {
    assert.equal(location.uriBaseId, '%SRCROOT%');
    assert.doesNotMatch(location.uri, /^(\/|\.\/|[A-Za-z][A-Za-z0-9+.-]*:)/, location.uri);
  }
}

const fileUriOf = (folder: string) => `file://${folder.split('/').map(encodeURIComponent).join('/')}`;

const view = 'from flask import request\nfrom helpers.shell import run\n\n\ndef ping():\n    run("ping " + request.args.get("host"))\n';
const helper = 'import os\n\n\ndef run(command):\n    os.system(command)\n';

describe('SARIF locations', () => {
  let base: string;
  beforeEach(() => {
    // A space and a `%` in the root, which its URI must encode.
    base = mkdtempSync(join(tmpdir(), 'llama review %-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('makes URIs relative to the repository root when run in a subfolder, and defines %SRCROOT% as that root', async () => {
    mkdirSync(join(base, '.git'));
    mkdirSync(join(base, 'svc', 'helpers'), { recursive: true });
    writeFileSync(join(base, 'svc', 'app.py'), view);
    writeFileSync(join(base, 'svc', 'helpers', '__init__.py'), '');
    writeFileSync(join(base, 'svc', 'helpers', 'shell.py'), helper);
    const { stdout } = await cli(['check', '--format', 'sarif', '--select', 'command-injection'], join(base, 'svc'));
    const log = JSON.parse(stdout);
    const run = log.runs[0];
    assert.deepEqual(run.originalUriBaseIds, { '%SRCROOT%': { uri: `${fileUriOf(base)}/` } });
    assert.match(run.originalUriBaseIds['%SRCROOT%'].uri, /llama%20review%20%25-/);
    const result = run.results.find((entry: { ruleId: string }) => entry.ruleId === 'command-injection');
    assert.ok(result, stdout);
    assert.deepEqual(result.locations[0].physicalLocation.artifactLocation, { uri: 'svc/app.py', uriBaseId: '%SRCROOT%' });
    const steps = result.codeFlows[0].threadFlows[0].locations.map((step: { location: { physicalLocation: { artifactLocation: ArtifactLocation } } }) => step.location.physicalLocation.artifactLocation.uri);
    assert.equal(steps.at(-1), 'svc/helpers/shell.py', 'a step in another file is relative to the same root');
    assert.ok(steps.slice(0, -1).every((uri: string) => uri === 'svc/app.py'));
    artifactLocations(log).forEach(assertWellFormed);
  });

  it('uses the working directory outside a repository, and absolute file URIs for files outside it', async () => {
    mkdirSync(join(base, 'work'));
    mkdirSync(join(base, 'elsewhere'));
    writeFileSync(join(base, 'work', 'app.py'), 'eval(x)\n');
    writeFileSync(join(base, 'elsewhere', 'a,b.py'), 'eval(x)\n');
    const { stdout } = await cli(['check', '--format', 'sarif', '--select', 'eval-used', '.', '../elsewhere/a,b.py'], join(base, 'work'));
    const log = JSON.parse(stdout);
    const run = log.runs[0];
    assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, `${fileUriOf(join(base, 'work'))}/`);
    const locations = run.results.map((result: { locations: { physicalLocation: { artifactLocation: ArtifactLocation } }[] }) => result.locations[0].physicalLocation.artifactLocation);
    assert.deepEqual(locations, [{ uri: 'app.py', uriBaseId: '%SRCROOT%' }, { uri: `${fileUriOf(join(base, 'elsewhere'))}/a%2Cb.py` }]);
    artifactLocations(log).forEach(assertWellFormed);
  });

  it('encodes names byte for byte, and tells files below the root from those beside it', () => {
    assert.equal(artifactUri('/repo/pkg/a b.py', '/repo'), 'pkg/a%20b.py');
    assert.equal(artifactUri(Buffer.from([...Buffer.from('/repo/caf'), 0xe9, ...Buffer.from('.py')]), '/repo'), 'caf%E9.py');
    assert.equal(artifactUri('/repo/..hidden.py', '/repo'), '..hidden.py');
    assert.equal(artifactUri('/repository/x.py', '/repo'), 'file:///repository/x.py');
    assert.equal(artifactUri('/other/x:y.py', '/repo'), 'file:///other/x%3Ay.py');
    assert.equal(folderUri('/repo/a b'), 'file:///repo/a%20b/');
    assert.equal(folderUri('/'), 'file:///');
  });
});
