// Helpers shared by the template rules: ranges, the filters that turn escaping off or make a value
// safe for JavaScript, and values that cannot carry markup or script.
import type { Range } from '../../finding';
import type { ScanContext } from '../rule';
import { rangeAt } from '../../lineStarts';
import { isConstantValue, type FilterCall, type OutputExpression } from '../../templates/expressions';
import type { TemplateDocument, TemplateOutput } from '../../templates/document';

export function rangeIn(document: TemplateDocument, start: number, end: number): Range {
  return rangeAt(document.lineStarts, start, end);
}

/** The whole `{{ ... }}` of an output. */
export function outputRange(document: TemplateDocument, output: TemplateOutput): Range {
  return rangeIn(document, output.token.start, output.token.end);
}

/** Filters that mark a value as safe markup, so autoescaping leaves it as it is. */
export const unescapingFilters: ReadonlySet<string> = new Set(['safe', 'safeseq', 'mark_safe']);

/** Filters that escape for HTML: a value marked safe after one of them is escaped already. */
export const htmlEscapingFilters: ReadonlySet<string> = new Set(['escape', 'e', 'force_escape', 'forceescape', 'tojson', 'json_script', 'escapejs', 'urlencode']);

/**
 * Filters whose output is safe inside JavaScript (a string literal, a number or JSON): Jinja's
 * `tojson` and Django's `escapejs` escape quotes, backslashes and `<`; the rest yield numbers or
 * percent-encoded text.
 */
export const javascriptSafeFilters: ReadonlySet<string> = new Set([
  'tojson', 'escapejs', 'json_script', 'urlencode', 'int', 'float', 'length', 'count', 'wordcount', 'abs', 'round', 'filesizeformat',
]);

/** DOM events with an `on...` handler attribute (HTML's list, less the rare ones). */
const domEvents = new Set(
  ('abort afterprint animationend animationiteration animationstart auxclick beforeinput beforeprint beforeunload blur ' +
    'cancel canplay canplaythrough change click close contextmenu copy cuechange cut dblclick drag dragend dragenter ' +
    'dragleave dragover dragstart drop durationchange emptied ended error focus focusin focusout formdata hashchange ' +
    'input invalid keydown keypress keyup load loadeddata loadedmetadata loadstart message mousedown mouseenter ' +
    'mouseleave mousemove mouseout mouseover mouseup mousewheel offline online pagehide pageshow paste pause play playing ' +
    'pointercancel pointerdown pointerenter pointerleave pointermove pointerout pointerover pointerup popstate progress ' +
    'ratechange reset resize scroll search seeked seeking select selectionchange selectstart show stalled storage submit ' +
    'suspend timeupdate toggle touchcancel touchend touchmove touchstart transitionend unload volumechange waiting wheel').split(' '),
);
/** Alpine.js (`@click`, `x-on:click`), Vue (`v-on:click`) and htmx (`hx-on:click`) run these as JavaScript too. */
const frameworkHandler = /^(?:@[\w.:-]+|(?:x-on|v-on):[\w.:-]+|hx-on(?::|-)[\w.:-]+)$/;

/** Attributes whose value the browser, or a script framework, runs as JavaScript. */
export function isEventHandlerAttribute(name: string): boolean {
  return (name.startsWith('on') && domEvents.has(name.slice(2))) || frameworkHandler.test(name);
}

/** Loop counters and the like: always numbers. */
const numericValues = /^(?:loop\.(?:index0?|revindex0?|length|depth0?)|forloop\.(?:counter0?|revcounter0?)|-?\d+(?:\.\d+)?)$/;
/** URLs and tokens the framework builds: `url_for(...)`, `static(...)`, `csrf_token`. */
const frameworkValues = /^(?:url_for|url|static|reverse)\s*\(|^csrf_token(?:\s*\(\s*\))?$/;
/** Ids and primary keys are usually numbers; a finding on one is worth less. */
const idLike = /(?:^|[._])(?:id|pk)$/i;

/** The first unescaping filter of the top-level chain that is not preceded by an HTML escape. */
export function unescapingFilter(expression: OutputExpression): FilterCall | undefined {
  for (const filter of expression.filters) {
    if (htmlEscapingFilters.has(filter.name)) return undefined;
    if (unescapingFilters.has(filter.name)) return filter;
  }
  return undefined;
}

export type ScriptSafety = 'safe' | 'probably-number' | 'unsafe';

/** Whether the output is fit to paste into JavaScript as it is. */
export function javascriptSafety(output: TemplateOutput): ScriptSafety {
  const { value, filters } = output.expression;
  if (filters.some((filter) => javascriptSafeFilters.has(filter.name))) return 'safe';
  if (isConstantValue(value) || numericValues.test(value) || frameworkValues.test(value)) return 'safe';
  return idLike.test(value) ? 'probably-number' : 'unsafe';
}

/** ` (`user.name`)` for messages, shortened. */
export function shown(value: string): string {
  const oneLine = value.replace(/\s+/g, ' ');
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}...` : oneLine;
}

/**
 * Reports each output that lands in JavaScript (`placeOf` names where, or says it does not) without
 * an encoding fit for it. Values marked `|safe` are the safe-filter rule's, which says more.
 */
export function reportUnencodedScriptValues(
  document: TemplateDocument,
  context: ScanContext,
  placeOf: (output: TemplateOutput) => string | undefined,
  advice: string,
): void {
  if (document.markup !== 'html') return;
  for (const output of document.outputs) {
    const place = placeOf(output);
    if (!place || unescapingFilter(output.expression)) continue;
    const safety = javascriptSafety(output);
    if (safety === 'safe') continue;
    const probablyNumber = safety === 'probably-number';
    context.report({
      range: outputRange(document, output),
      severity: probablyNumber ? 'info' : undefined,
      confidence: probablyNumber ? 'low' : undefined,
      message: `\`${shown(output.expression.value)}\` is pasted into ${place}${probablyNumber ? ' (fine if it is always a number)' : ''}; ${advice}.`,
    });
  }
}
