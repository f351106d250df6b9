// Rules of Jinja2 and Django templates: where a value reaches the page without the escaping its
// context needs.
import type { ScannerRule } from '../rule';
import type { TemplateDocument } from '../../templates/document';
import { templateAutoescapeOff } from './template-autoescape-off';
import { templateEventHandlerVariable } from './template-event-handler-variable';
import { templateJavascriptUrl } from './template-javascript-url';
import { templateSafeFilter } from './template-safe-filter';
import { templateVariableInScript } from './template-variable-in-script';

export const templateRules: readonly ScannerRule<TemplateDocument>[] = [
  templateSafeFilter,
  templateAutoescapeOff,
  templateEventHandlerVariable,
  templateJavascriptUrl,
  templateVariableInScript,
];
