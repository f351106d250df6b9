import type { Rule } from '../../rule';
import { isDevelopmentOrDefaultSettingsPath, settingOf, settingsQuery } from '../settingsModules';
import { isTrue } from '../syntax';

export const settingsDebugTrue: Rule = {
  meta: {
    id: 'settings-debug-true',
    title: 'DEBUG = True in a settings module',
    category: 'security',
    severity: 'warning',
    confidence: 'medium',
    cwe: 489,
    aliases: [],
    why: 'With DEBUG on, Django answers every error with a page that shows the stack, local variables and most settings, and keeps every SQL query in memory; a Flask config module with DEBUG = True turns on the Werkzeug debugger, which runs Python typed into the error page.',
    doInstead: 'Read it from the environment and default to off: `DEBUG = os.environ.get("DJANGO_DEBUG") == "1"`; keep DEBUG = True only in settings meant for a developer\'s machine (settings/dev.py, local_settings.py).',
    languages: ['python'],
  },

  mentions: /\bDEBUG\b/,
  query: settingsQuery,

  check(match, context) {
    const setting = settingOf(match, ['DEBUG']);
    // `app.config["DEBUG"] = True` is flask-debug-true's.
    if (setting?.form !== 'module' || !isTrue(setting.value) || isDevelopmentOrDefaultSettingsPath(context.filePath)) return;
    context.report({ node: setting.site, message: 'This settings module sets `DEBUG = True`, so any error shows visitors the stack, local variables and settings.' });
  },
};
