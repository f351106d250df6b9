// The templates a Python file names, and which files of a walk those names are.
import * as assert from 'node:assert/strict';
import { referencedFiles, renderedTemplateNames } from '../../../src/analysis/templates/references';

describe('templates named by Python code', () => {
  it('finds the names Flask, Django and Jinja2 code renders', () => {
    const code = [
      'return render_template("pages/home.html", user=user)',
      "return render_template(['a.html', 'fallback.html'])",
      "return render(request, 'shop/cart.html', {'items': items})",
      'body = render_to_string("mail/welcome.txt", context)',
      'template = env.get_template("feed.xml.j2")',
      '    template_name = "shop/detail.html"',
      'TemplateResponse(request, "x.jinja", {})',
    ].join('\n');
    assert.deepEqual(renderedTemplateNames(code).sort(), ['a.html', 'fallback.html', 'feed.xml.j2', 'mail/welcome.txt', 'pages/home.html', 'shop/cart.html', 'shop/detail.html', 'x.jinja']);
  });

  it('ignores strings that name no template and files that render nothing', () => {
    assert.deepEqual(renderedTemplateNames('open("notes.html")\nprint("index.html")\n'), []);
    assert.deepEqual(renderedTemplateNames('render(request, "Hello")\n'), []);
    assert.deepEqual(renderedTemplateNames('x = 1\n'), []);
  });

  it('matches names as path suffixes, whole segments only', () => {
    const candidates = ['/p/site/pages/home.html', '/p/site/pages/myhome.html', '/p/other/home.html', 'C:\\p\\web\\pages\\home.html'];
    assert.deepEqual(referencedFiles(candidates, ['pages/home.html']), ['/p/site/pages/home.html', 'C:\\p\\web\\pages\\home.html']);
    assert.deepEqual(referencedFiles(candidates, []), []);
  });
});
