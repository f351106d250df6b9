// Regenerates the README's generated sections (rule table, settings table) from the code.
// `node scripts/update-readme.mjs` rewrites README.md; `--check` exits 1 when it is stale.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const readmePath = new URL('../README.md', import.meta.url);
const check = process.argv.includes('--check');

function rulesTable() {
  return execFileSync(process.execPath, [new URL('../dist/cli.js', import.meta.url).pathname, 'rules', '--format', 'markdown'], { encoding: 'utf8' });
}

/** Sections and settings in the order the Settings editor shows them (`order`, then as written). */
function byOrder(a, b) {
  return (a.order ?? Infinity) - (b.order ?? Infinity);
}

function settingsRows(section) {
  return Object.entries(section.properties ?? {})
    .sort(([, a], [, b]) => byOrder(a, b))
    .map(([key, spec]) => {
      const fallback = spec.default === undefined ? '' : `\`${JSON.stringify(spec.default)}\``;
      const description = (spec.markdownDescription ?? spec.description ?? '').replace(/\n+/g, ' ').replace(/\|/g, '\\|');
      return `| \`${key}\` | ${fallback} | ${description} |`;
    });
}

/** One table, or with several configuration sections one table under each section's title. */
function settingsTable() {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const configuration = manifest.contributes?.configuration;
  const sections = (Array.isArray(configuration) ? [...configuration] : configuration ? [configuration] : []).sort(byOrder);
  const tables = sections
    .map((section) => ({ title: section.title, rows: settingsRows(section) }))
    .filter((table) => table.rows.length > 0)
    .map(({ title, rows }) => {
      const table = ['| Setting | Default | Description |', '| --- | --- | --- |', ...rows].join('\n') + '\n';
      return sections.length > 1 ? `### ${title}\n\n${table}` : table;
    });
  return tables.length > 0 ? tables.join('\n') : 'No settings yet.\n';
}

function replaceSection(text, name, content) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = text.indexOf(start);
  const to = text.indexOf(end);
  if (from < 0 || to < from) throw new Error(`README.md lacks the ${start} ... ${end} markers.`);
  return text.slice(0, from + start.length) + '\n' + content + text.slice(to);
}

const current = readFileSync(readmePath, 'utf8');
let next = replaceSection(current, 'rules', rulesTable());
next = replaceSection(next, 'settings', settingsTable());
if (check) {
  if (next !== current) {
    console.error('README.md is out of date: run `npm run readme` and commit the result.');
    process.exit(1);
  }
  console.log('README.md generated sections are current.');
} else if (next !== current) {
  writeFileSync(readmePath, next);
  console.log('README.md updated.');
}
