// Regenerates src/analysis/rules/ruleExamples.generated.json: for each rule, a short flagged example
// and its fixed form (from the golden `<id>.fixed.py`) or, where the rule has no fix there, a case
// that is not flagged. Taken from the rule's fixtures, so the documentation shows what the tests
// check. `node scripts/update-rule-examples.mjs` rewrites the file; `--check` exits 1 when it is stale.
//
// A case is a statement marked `# expect: <id>` (or `# ok: <id>`), with what it needs from its
// paragraph (the lines between blank lines): the headers that enclose it (`def`, `for`, a
// `<script>` tag, with their decorators), the unmarked statements just above it at its own
// indentation, the clauses it belongs with (`try` before an `except`), and its own body. Past the
// line limit the statements above go first, then the bodies (an indented `...` stands for what
// was cut); the example is the first case that fits.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const outputPath = join(root, 'src', 'analysis', 'rules', 'ruleExamples.generated.json');
const check = process.argv.includes('--check');
const maxSnippetLines = 8;

/** Where each language's rule fixtures are, and how its comments look. */
const layouts = [
  { language: 'python', folder: 'test/fixtures/python/rules', extension: '.py', commentOpen: '#', commentClose: '', statementsSpanLines: true },
  { language: 'template', folder: 'test/fixtures/templates/rules', extension: '.html', commentOpen: '{#', commentClose: '#}', statementsSpanLines: false },
];

function markerPattern(kind, ruleId) {
  return new RegExp(`#[^\\n]*\\b${kind}:\\s*[a-z0-9\\-, ]*\\b${ruleId}\\b`);
}

/** `  # expect: a, b (why)` or `  {# ok: a #}` at the end of a line. */
const markerComments = [/\s*\{#\s*(?:expect|ok):[^#]*#\}\s*$/, /\s*#\s*(?:expect|ok):\s*[a-z0-9\-, ]+(?:\([^)]*\))?\s*$/];

function withoutMarker(line) {
  for (const pattern of markerComments) line = line.replace(pattern, '');
  return line;
}

function indentation(line) {
  return line.length - line.trimStart().length;
}

/**
 * Python statements, each as its first and last line: brackets, triple-quoted strings and
 * backslashes carry a statement over line ends. Templates: one statement per line.
 */
function statementsOf(lines, layout) {
  if (!layout.statementsSpanLines) return lines.map((_, index) => ({ start: index, end: index }));
  const statements = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  lines.forEach((line, index) => {
    let continued = false;
    for (let column = 0; column < line.length; column++) {
      const character = line[column];
      if (quote) {
        if (character === '\\') column++;
        else if (line.startsWith(quote, column)) {
          column += quote.length - 1;
          quote = '';
        }
      } else if (character === '#') break;
      else if (character === '"' || character === "'") {
        const triple = character.repeat(3);
        quote = line.startsWith(triple, column) ? triple : character;
        column += quote.length - 1;
      } else if ('([{'.includes(character)) depth++;
      else if (')]}'.includes(character)) depth = Math.max(0, depth - 1);
      else if (character === '\\' && column === line.length - 1) continued = true;
    }
    // A one-quote string cannot cross a line end; a broken one must not swallow the file.
    if (quote.length === 1) quote = '';
    if (depth === 0 && !quote && !continued) {
      statements.push({ start, end: index });
      start = index + 1;
    }
  });
  if (start < lines.length) statements.push({ start, end: lines.length - 1 });
  return statements;
}

function linesOf(statement) {
  return Array.from({ length: statement.end - statement.start + 1 }, (_, offset) => statement.start + offset);
}

const clauseKeywords = /^(elif|else|except|finally)\b/;

function statementTable(lines, layout, isMarked) {
  return statementsOf(lines, layout).map((statement) => ({
    ...statement,
    indent: indentation(lines[statement.start]),
    blank: lines.slice(statement.start, statement.end + 1).every((line) => line.trim() === ''),
    marked: linesOf(statement).some(isMarked),
    text: lines[statement.start].trimStart(),
  }));
}

/** The last statement of the case starting at `at`: a decorated definition, or a template block tag through its end tag. */
function caseEnd(statements, at, layout) {
  let end = at;
  while (statements[end].text.startsWith('@') && end + 1 < statements.length && statements[end + 1].indent === statements[at].indent) end++;
  const block = layout.language === 'template' ? /^\{%-?\s*(\w+)/.exec(statements[at].text) : undefined;
  if (block && !block[1].startsWith('end') && !statements[at].text.includes(`end${block[1]}`)) {
    const closing = new RegExp(`\\{%-?\\s*end${block[1]}\\b`);
    for (let next = at + 1; next < statements.length && !statements[next].blank; next++) if (closing.test(statements[next].text)) return next;
  }
  return end;
}

/** The statements right below `from` in its paragraph that are more indented than `indent`: a body. */
function bodyAfter(statements, from, indent) {
  const body = [];
  for (let next = from; next < statements.length && !statements[next].blank && statements[next].indent > indent; next++) body.push(statements[next]);
  return body;
}

/** A clause (`try:`, `except:`, ...) with its body's lines. */
function clauseAt(statements, at, indent) {
  return { statement: statements[at], body: bodyAfter(statements, at + 1, indent).flatMap(linesOf) };
}

/**
 * The parts of the case at `markedLine`: its headers, the unmarked statements above it, the clauses
 * before and after it, its own statements and body. Undefined where the case sits in a clause
 * (`except`, `else`) of a statement above: a later case reads better.
 */
function caseParts(lines, layout, markedLine, isMarked) {
  const statements = statementTable(lines, layout, isMarked);
  const at = statements.findIndex((statement) => statement.start <= markedLine && markedLine <= statement.end);
  const own = statements.slice(at, caseEnd(statements, at, layout) + 1);
  const indent = own[0].indent;
  const body = bodyAfter(statements, at + own.length, indent);
  const isClause = (statement) => layout.language === 'python' && clauseKeywords.test(statement.text);

  const headers = [];
  const above = [];
  const clausesBefore = [];
  let inClauses = isClause(own[0]);
  let collectingAbove = !inClauses;
  let pending = [];
  let level = indent;
  let previousWasHeader = false;
  for (let previous = at - 1; previous >= 0 && !statements[previous].blank; previous--) {
    const statement = statements[previous];
    if (statement.indent < level) {
      if (isClause(statement)) return undefined;
      headers.unshift(statement);
      level = statement.indent;
      collectingAbove = inClauses = false;
      previousWasHeader = true;
      continue;
    }
    if (previousWasHeader && statement.indent === level && statement.text.startsWith('@')) {
      // Decorators belong to the definition below them; its other siblings are not needed.
      headers.unshift(statement);
      continue;
    }
    previousWasHeader = false;
    if (inClauses && statement.indent === indent) {
      // An `elif`, `else`, `except` or `finally` needs the clauses before it, back to their `if` or `try`.
      clausesBefore.unshift(clauseAt(statements, previous, indent));
      inClauses = isClause(statement);
    } else if (collectingAbove && statement.indent > indent) {
      pending.unshift(statement);
    } else if (collectingAbove) {
      if (statement.marked) collectingAbove = false;
      else above.unshift([statement, ...pending]);
      pending = [];
    }
  }
  if (inClauses) return undefined;

  // The clauses after it (`except` after `try`) belong to it too.
  const clausesAfter = [];
  for (let next = at + own.length + body.length; next < statements.length && !statements[next].blank && statements[next].indent === indent && isClause(statements[next]); ) {
    const clause = clauseAt(statements, next, indent);
    clausesAfter.push(clause);
    next += 1 + bodyAfter(statements, next + 1, indent).length;
  }
  return { headers, above, clausesBefore, own, body, clausesAfter };
}

/**
 * The case's lines within the line limit, in order, with `{ ellipsis: indent }` where a body was
 * cut: the statements above go first, then the clauses' bodies, then the end of its own body.
 * Undefined where even that is too long.
 */
function fitCase(lines, { headers, above, clausesBefore, own, body, clausesAfter }) {
  const clauseLines = (clauses, cut) =>
    clauses.flatMap(({ statement, body: clauseBody }) => [
      ...linesOf(statement),
      ...(cut && clauseBody.length > 0 ? [{ ellipsis: indentation(lines[clauseBody[0]]) }] : clauseBody),
    ]);
  const bodyLines = body.flatMap(linesOf);
  const cutBody = (room) => {
    if (room >= bodyLines.length) return bodyLines;
    const kept = Math.max(0, room - 1);
    return [...bodyLines.slice(0, kept), { ellipsis: indentation(lines[bodyLines[kept]]) }];
  };
  for (const cutClauses of [false, true]) {
    const before = clauseLines(clausesBefore, cutClauses);
    const after = clauseLines(clausesAfter, cutClauses);
    const needed = [...headers, ...own].flatMap(linesOf).length + before.length + after.length;
    const shownAbove = [...above];
    while (shownAbove.length > 0 && needed + shownAbove.flat().flatMap(linesOf).length + bodyLines.length > maxSnippetLines) shownAbove.shift();
    const kept = [...headers.flatMap(linesOf), ...shownAbove.flat().flatMap(linesOf), ...before, ...own.flatMap(linesOf)];
    const room = maxSnippetLines - kept.length - after.length;
    if (room >= bodyLines.length || (cutClauses && room >= 1)) return [...kept, ...cutBody(room), ...after];
  }
  return undefined;
}

function caseLines(lines, layout, markedLine, isMarked) {
  const parts = caseParts(lines, layout, markedLine, isMarked);
  return parts && fitCase(lines, parts);
}

/** The first case marked by `marker` that fits the line limit, as caseLines gives it. */
function firstCase(lines, layout, marker, isMarked) {
  for (let line = 0; line < lines.length; line++) {
    if (!marker.test(lines[line])) continue;
    const items = caseLines(lines, layout, line, isMarked);
    if (items) return items;
  }
  return undefined;
}

/** Pairs of equal lines (fixture index -> golden index) from a longest common subsequence. */
function alignLines(before, after) {
  const lengths = Array.from({ length: before.length + 1 }, () => new Uint16Array(after.length + 1));
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) {
      lengths[i][j] = before[i] === after[j] ? lengths[i + 1][j + 1] + 1 : Math.max(lengths[i + 1][j], lengths[i][j + 1]);
    }
  }
  const pairs = [];
  for (let i = 0, j = 0; i < before.length && j < after.length; ) {
    if (before[i] === after[j]) pairs.push([i++, j++]);
    else if (lengths[i + 1][j] >= lengths[i][j + 1]) i++;
    else j++;
  }
  return pairs;
}

function commonPrefixLength(a, b) {
  let length = 0;
  while (length < a.length && length < b.length && a[length] === b[length]) length++;
  return length;
}

/**
 * Where a change added lines (an import above a fixed line), each changed line's counterpart: the
 * order-keeping choice of golden lines that shares the longest beginnings with them.
 */
function matchAddedLines(before, after) {
  const best = Array.from({ length: before.length + 1 }, () => new Array(after.length + 1).fill(-Infinity));
  best[before.length].fill(0);
  for (let i = before.length - 1; i >= 0; i--) {
    for (let j = after.length - 1; j >= 0; j--) {
      best[i][j] = Math.max(best[i][j + 1], commonPrefixLength(before[i], after[j]) + best[i + 1][j + 1]);
    }
  }
  const matched = [];
  for (let i = 0, j = 0; i < before.length; j++) {
    if (best[i][j] !== best[i][j + 1]) matched[i++] = j;
  }
  return matched;
}

/**
 * The golden lines that stand where the fixture's `items` are: an unchanged line is itself; a
 * changed line is its counterpart where the fix kept or added lines, else (lines merged) the
 * whole change.
 */
function goldenCounterparts(fixtureLines, goldenLines, items) {
  const pairs = alignLines(fixtureLines, goldenLines);
  const bounds = [[-1, -1], ...pairs, [fixtureLines.length, goldenLines.length]];
  const counterpart = (line) => {
    const after = bounds.findIndex(([i]) => i >= line);
    if (bounds[after][0] === line) return [bounds[after][1]];
    const [i1, j1] = bounds[after - 1];
    const [i2, j2] = bounds[after];
    if (i2 - i1 === j2 - j1) return [j1 + (line - i1)];
    if (j2 - j1 > i2 - i1) return [j1 + 1 + matchAddedLines(fixtureLines.slice(i1 + 1, i2), goldenLines.slice(j1 + 1, j2))[line - i1 - 1]];
    return Array.from({ length: j2 - j1 - 1 }, (_, offset) => j1 + 1 + offset);
  };
  const mapped = [];
  for (const item of items) {
    const lines = typeof item === 'number' ? counterpart(item) : [item];
    for (const line of lines) if (!mapped.includes(line)) mapped.push(line);
  }
  return mapped;
}

/** The snippet's text: markers gone, flagged lines said to be, indentation from the left margin. */
function snippetText(lines, items, layout, flaggedLine) {
  const shown = [];
  for (const item of items) {
    if (typeof item !== 'number') {
      shown.push(' '.repeat(item.ellipsis) + (layout.language === 'python' ? '...' : layout.commentOpen + ' ... ' + layout.commentClose));
      continue;
    }
    const original = lines[item];
    let text = withoutMarker(original).trimEnd();
    if (text.trim() === '' && original.trim() !== '') continue;
    if (flaggedLine?.(item)) text += `  ${layout.commentOpen} flagged${layout.commentClose ? ' ' + layout.commentClose : ''}`;
    shown.push(text);
  }
  const margin = Math.min(...shown.filter((line) => line.trim()).map(indentation));
  return shown.map((line) => line.slice(margin)).join('\n');
}

function readLines(path) {
  return readFileSync(path, 'utf8').replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
}

/** The main fixture, then the fixture variants in `<id>/`, as their line arrays. */
function fixtureFilesOf(layout, ruleId) {
  const main = join(root, layout.folder, ruleId + layout.extension);
  const folder = join(root, layout.folder, ruleId);
  const variants = existsSync(folder)
    ? readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith(layout.extension)).sort().map((name) => join(folder, name))
    : [];
  return [main, ...variants].filter(existsSync);
}

function exampleOf(layout, ruleId) {
  const expectMarker = markerPattern('expect', ruleId);
  const okMarker = markerPattern('ok', ruleId);
  const files = fixtureFilesOf(layout, ruleId).map((path) => ({ path, lines: readLines(path) }));
  const firstCaseIn = (marker) => {
    for (const { path, lines } of files) {
      const items = firstCase(lines, layout, marker, (line) => expectMarker.test(lines[line]) || okMarker.test(lines[line]));
      if (items) return { path, lines, items };
    }
    return undefined;
  };
  const flaggedCase = firstCaseIn(expectMarker);
  if (!flaggedCase) return undefined;
  const { path, lines, items } = flaggedCase;
  const example = {
    language: layout.language,
    fixture: relative(root, path),
    flagged: snippetText(lines, items, layout, (line) => expectMarker.test(lines[line])),
  };

  const goldenPath = path.slice(0, -layout.extension.length) + '.fixed' + layout.extension;
  if (existsSync(goldenPath)) {
    const goldenLines = readLines(goldenPath);
    const fixed = snippetText(goldenLines, goldenCounterparts(lines, goldenLines, items), layout);
    if (fixed !== snippetText(lines, items, layout) && fixed.split('\n').length <= maxSnippetLines) return { ...example, fixed };
  }
  const notFlaggedCase = firstCaseIn(okMarker);
  return notFlaggedCase ? { ...example, notFlagged: snippetText(notFlaggedCase.lines, notFlaggedCase.items, layout) } : example;
}

function ruleIdsOf(layout) {
  return readdirSync(join(root, layout.folder))
    .filter((name) => name.endsWith(layout.extension) && !name.endsWith('.fixed' + layout.extension))
    .map((name) => name.slice(0, -layout.extension.length));
}

function generate() {
  const examples = {};
  for (const layout of layouts) {
    for (const ruleId of ruleIdsOf(layout).sort()) {
      const example = exampleOf(layout, ruleId);
      if (example) examples[ruleId] = example;
    }
  }
  // By code unit, not by locale: the file must come out the same on every machine.
  const sorted = Object.fromEntries(Object.entries(examples).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify({ generatedBy: 'scripts/update-rule-examples.mjs from test/fixtures: do not edit, run `npm run rule-examples`', examples: sorted }, null, 2) + '\n';
}

const next = generate();
const current = existsSync(outputPath) ? readFileSync(outputPath, 'utf8') : '';
if (check) {
  if (next !== current) {
    console.error('src/analysis/rules/ruleExamples.generated.json is out of date: run `npm run rule-examples` and commit the result.');
    process.exit(1);
  }
  console.log('Rule examples are current.');
} else if (next !== current) {
  writeFileSync(outputPath, next);
  console.log('Rule examples updated.');
}
