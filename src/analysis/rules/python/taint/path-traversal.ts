import { taintRule } from './taintRule';

export const pathTraversal = taintRule(
  {
    id: 'path-traversal',
    title: 'Path traversal: untrusted data in a file path',
    severity: 'error',
    confidence: 'high',
    cwe: 22,
    why: 'A file name from the request is used to open, write or delete a file; `../` or an absolute path in it reaches files outside the folder meant for it (configuration, keys, other users\' data).',
    doInstead: 'Reduce the name with werkzeug\'s secure_filename() or os.path.basename(), join it to a fixed folder, resolve it (os.path.realpath) and check it is still inside that folder before use; Flask\'s send_from_directory() does this for downloads.',
  },
  [],
);
