// The templates a Python file names: `render_template("page.html")` (Flask), `render(request,
// "app/page.html")`, `get_template(...)`, `template_name = "..."` (Django), `env.get_template()`
// (Jinja2). A cheap textual scan, so that a walk can review a template outside any templates folder
// when code renders it.

/** Calls whose string arguments name templates, and the class attribute of Django's views. */
const namingSites = /\b(?:render_template|render_to_string|render_to_response|render|get_template|select_template|TemplateResponse)\s*\(([^)]*)|\btemplate_name\s*[:=]\s*([^\n]*)/g;
const templateName = /(['"])([^'"\n]+\.(?:html?|txt|xml|jinja2?|j2))\1/g;

/** Names as the code writes them (`admin/base.html`), relative to some template folder. */
export function renderedTemplateNames(pythonText: string): string[] {
  if (!/render|template/.test(pythonText)) return [];
  const names = new Set<string>();
  for (const site of pythonText.matchAll(namingSites)) {
    for (const name of (site[1] ?? site[2] ?? '').matchAll(templateName)) names.add(name[2]);
  }
  return [...names];
}

/** The files among `candidates` (absolute paths) that one of `names` refers to: the path ends with the name. */
export function referencedFiles(candidates: readonly string[], names: Iterable<string>): string[] {
  const suffixes = [...new Set(names)].map((name) => '/' + name.replace(/\\/g, '/').replace(/^\.?\//, ''));
  if (suffixes.length === 0) return [];
  return candidates.filter((path) => {
    const normalized = path.replace(/\\/g, '/');
    return suffixes.some((suffix) => normalized.endsWith(suffix));
  });
}
