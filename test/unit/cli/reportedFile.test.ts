// Reading a reported file's path back from the escaped name a report shows.
import * as assert from 'node:assert/strict';
import { escapeName } from '../../../src/cli/pathNames';
import { reportedFile, unescapeName } from '../../../src/cli/reportedFile';

describe('reported file paths', () => {
  it('reads back the exact bytes of an escaped name', () => {
    const names = [
      Buffer.from('pkg/app.py'),
      Buffer.from('back\\slash\\x41.py'),
      Buffer.from('tab\there\nnew.py'),
      Buffer.from('ünï 中 😀.py'),
      Buffer.from('bidi\u202eyp.py'),
      Buffer.from([0x62, 0xff, 0xfe, 0x2e, 0x70, 0x79]),
    ];
    for (const name of names) assert.deepEqual(unescapeName(escapeName(name)), name, escapeName(name));
  });

  it('resolves the shown path against the working folder', () => {
    assert.equal(reportedFile({ path: 'pkg/a b.py' }, '/work/project'), '/work/project/pkg/a b.py');
    assert.equal(reportedFile({ path: '/elsewhere/x.py' }, '/work/project'), '/elsewhere/x.py');
  });
});
