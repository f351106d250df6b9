// A template as the template rules see it: its outputs (`{{ ... }}`) each with its filters and the
// HTML context it lands in, its tags, its comments, and what kind of text it renders.
import type { ScannedText } from '../languages';
import { lineStarts, positionAt } from '../lineStarts';
import { parseOutputExpression, type OutputExpression } from './expressions';
import { HtmlContextTracker, type HtmlContext } from './htmlContext';
import { tokenizeTemplate, type OutputToken, type TagToken } from './tokens';

/** What the template renders: escaping and HTML contexts matter only for markup. */
export type Markup = 'html' | 'xml' | 'text';

export interface TemplateOutput {
  token: OutputToken;
  expression: OutputExpression;
  context: HtmlContext;
}

export interface TemplateDocument {
  text: string;
  markup: Markup;
  outputs: TemplateOutput[];
  tags: TagToken[];
  /** Offset -> position, for ranges. */
  lineStarts: number[];
}

const markupExtensions: Record<string, Markup> = {
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.svg': 'xml',
  '.xml': 'xml',
  '.txt': 'text',
  '.text': 'text',
  '.md': 'text',
};
const templateExtensions = new Set(['.jinja', '.jinja2', '.j2', '.djhtml', '.tmpl', '.tpl']);
/** Any start or end tag: the sign that a template without a telling file name renders HTML. */
const looksLikeMarkup = /<\/?[A-Za-z][\w:-]*[\s>/]/;

/** Whether the template's own text has a tag; an .html template without one may be a mail body. */
export function hasMarkupTags(text: string): boolean {
  return looksLikeMarkup.test(text);
}

function extensions(filePath: string): string[] {
  const name = filePath.slice(Math.max(filePath.lastIndexOf('/'), filePath.lastIndexOf('\\')) + 1).toLowerCase();
  return name.split('.').slice(1).map((part) => `.${part}`);
}

/**
 * `page.html`, `page.html.j2` render HTML; `mail.txt`, `nginx.conf.j2` (an Ansible template) render
 * text, where escaping is not what keeps them safe. A name that does not tell (`page.j2`, no path)
 * renders markup when the text has tags.
 */
export function markupOf(filePath: string | undefined, text: string): Markup {
  const parts = filePath ? extensions(filePath) : [];
  while (parts.length > 0 && templateExtensions.has(parts[parts.length - 1])) parts.pop();
  const last = parts[parts.length - 1];
  if (last) return markupExtensions[last] ?? 'text';
  return hasMarkupTags(text) ? 'html' : 'text';
}

export function scanTemplate(text: string, filePath: string | undefined): ScannedText<TemplateDocument> {
  const { tokens, unclosed } = tokenizeTemplate(text);
  const tracker = new HtmlContextTracker();
  const outputs: TemplateOutput[] = [];
  const tags: TagToken[] = [];
  const comments: { line: number; text: string }[] = [];
  const starts = lineStarts(text);
  for (const token of tokens) {
    if (token.kind === 'text') tracker.feed(text.slice(token.start, token.end));
    else if (token.kind === 'output') {
      const context = tracker.templateValue(tracker.context());
      outputs.push({ token, expression: parseOutputExpression(token.expression, token.expressionStart), context });
    } else if (token.kind === 'tag') tags.push(token);
    else if (/llama-review|noqa|nosec/i.test(token.text)) {
      comments.push({ line: positionAt(starts, token.start).line, text: token.text });
    }
  }
  return { document: { text, markup: markupOf(filePath, text), outputs, tags, lineStarts: starts }, comments, hasSyntaxErrors: unclosed };
}
