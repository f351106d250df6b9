// The language records: which files and editor documents each language reviews.
import * as assert from 'node:assert/strict';
import { languageIds, languageOfDocument, languageSupport, recogniseFile, wrapComment } from '../../../src/analysis/languages';

describe('languages', () => {
  it('lists Python and templates, each with a comment syntax for suppressions', () => {
    assert.deepEqual(languageIds(), ['python', 'template']);
    assert.equal(wrapComment(languageSupport('python')!, 'llama-review: ignore[x]'), '# llama-review: ignore[x]');
    assert.equal(wrapComment(languageSupport('template')!, 'llama-review: ignore[x]'), '{# llama-review: ignore[x] #}');
  });

  it('recognises files by extension, by their folder, or only when code names them', () => {
    assert.deepEqual(recogniseFile('/p/app.py'), { language: 'python', by: 'extension' });
    assert.deepEqual(recogniseFile('/p/stubs/app.PYI'), { language: 'python', by: 'extension' });
    assert.deepEqual(recogniseFile('/p/roles/web/nginx.conf.j2'), { language: 'template', by: 'extension' });
    assert.deepEqual(recogniseFile('/p/app/templates/admin/base.html'), { language: 'template', by: 'folder' });
    assert.deepEqual(recogniseFile('C:\\p\\templates\\mail.txt'), { language: 'template', by: 'folder' });
    assert.deepEqual(recogniseFile('/p/docs/index.html'), { language: 'template', by: 'reference' });
    assert.equal(recogniseFile('/p/README.md'), undefined);
    assert.equal(recogniseFile('/p/Makefile'), undefined);
    assert.equal(recogniseFile('/p/templates/.html'), undefined, 'a dot file has no extension');
  });

  it('takes configured template folders instead of the default', () => {
    const folders = { template: ['jinja', 'views'] };
    assert.deepEqual(recogniseFile('/p/views/page.html', { folders }), { language: 'template', by: 'folder' });
    assert.deepEqual(recogniseFile('/p/templates/page.html', { folders }), { language: 'template', by: 'reference' });
  });

  it('reviews an editor document by its language id, or by its path for ids many files share', () => {
    assert.equal(languageOfDocument('python', undefined), 'python');
    assert.equal(languageOfDocument('jinja-html', undefined), 'template');
    assert.equal(languageOfDocument('django-html', '/p/anywhere/page.html'), 'template');
    assert.equal(languageOfDocument('html', '/p/app/templates/page.html'), 'template');
    assert.equal(languageOfDocument('html', '/p/site/index.html'), undefined);
    assert.equal(languageOfDocument('html', undefined), undefined);
    assert.equal(languageOfDocument('plaintext', '/p/roles/motd.j2'), 'template');
    assert.equal(languageOfDocument('plaintext', '/p/app.py'), undefined, 'a Python file opened as text stays unreviewed, as before');
    assert.equal(languageOfDocument('javascript', '/p/templates/app.js'), undefined);
  });
});
