// Jinja2 / Django templates: read by a scanner of their own, not a grammar.
import { templateRules } from '../rules/templates';
import { scanTemplate } from '../templates/document';
import type { LanguageSupport } from './languageSupport';

export const template: LanguageSupport = {
  id: 'template',
  name: 'Jinja2 / Django template',
  files: {
    extensions: ['.jinja', '.jinja2', '.j2'],
    folderExtensions: ['.html', '.htm', '.txt', '.xml'],
    defaultFolders: ['templates'],
  },
  editorLanguageIds: ['jinja', 'jinja-html', 'jinja2', 'django-html', 'django-txt'],
  editorLanguageIdsByPath: ['html', 'plaintext', 'xml'],
  comment: { open: '{#', close: '#}' },
  markdownFence: 'jinja',
  analysis: { kind: 'scanner', scan: scanTemplate, rules: templateRules },
};
