// Settings modules (Django's settings.py, a Flask config module): which files are one, which of
// their assignments are module-level settings, and which settings are replaced at run time.
import type { Node } from 'web-tree-sitter';
import type { RuleMatch } from '../rule';

/** Names that Django and Flask read from a settings module; two of them make a module one. */
const knownSettings = new Set([
  'SECRET_KEY', 'DEBUG', 'ALLOWED_HOSTS', 'INSTALLED_APPS', 'MIDDLEWARE', 'MIDDLEWARE_CLASSES', 'ROOT_URLCONF',
  'DATABASES', 'TEMPLATES', 'WSGI_APPLICATION', 'ASGI_APPLICATION', 'AUTH_PASSWORD_VALIDATORS', 'DEFAULT_AUTO_FIELD',
  'STATIC_URL', 'STATIC_ROOT', 'MEDIA_URL', 'MEDIA_ROOT', 'PASSWORD_HASHERS', 'AUTH_USER_MODEL', 'LANGUAGE_CODE',
  'TIME_ZONE', 'USE_TZ', 'USE_I18N', 'SITE_ID', 'CACHES', 'EMAIL_BACKEND', 'SESSION_ENGINE', 'LOGIN_URL',
  'SESSION_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'SESSION_COOKIE_SAMESITE', 'CSRF_COOKIE_SECURE',
  'SQLALCHEMY_DATABASE_URI', 'SQLALCHEMY_TRACK_MODIFICATIONS', 'WTF_CSRF_ENABLED', 'PERMANENT_SESSION_LIFETIME',
]);

const scopeTypes = new Set(['function_definition', 'class_definition', 'lambda']);
/** Module-level blocks whose assignments still set the module's names: `if DEBUG:`, `try:`, `with`. */
const moduleBlocks = new Set(['if_statement', 'elif_clause', 'else_clause', 'try_statement', 'except_clause', 'finally_clause', 'with_statement', 'block']);

/** Is `node` outside every function, class and lambda? */
export function isModuleLevel(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) if (scopeTypes.has(current.type)) return false;
  return true;
}

interface ModuleSettings {
  /** Every value assigned to each module-level name, in order. */
  values: Map<string, Node[]>;
  isSettingsModule: boolean;
}

const settingsByTree = new WeakMap<object, ModuleSettings>();

function collectAssignments(container: Node, values: Map<string, Node[]>): void {
  for (const statement of container.namedChildren) {
    if (!statement) continue;
    if (moduleBlocks.has(statement.type)) {
      collectAssignments(statement, values);
      continue;
    }
    const assignment = statement.type === 'expression_statement' ? statement.firstNamedChild : undefined;
    if (assignment?.type !== 'assignment' && assignment?.type !== 'augmented_assignment') continue;
    const target = assignment.childForFieldName('left');
    const value = assignment.childForFieldName('right');
    if (target?.type !== 'identifier' || !value) continue;
    values.set(target.text, [...(values.get(target.text) ?? []), value]);
  }
}

function moduleSettings(anyNode: Node): ModuleSettings {
  const root = anyNode.tree.rootNode;
  let settings = settingsByTree.get(anyNode.tree);
  if (!settings) {
    const values = new Map<string, Node[]>();
    collectAssignments(root, values);
    const known = [...values.keys()].filter((name) => knownSettings.has(name)).length;
    settings = { values, isSettingsModule: known >= 2 };
    settingsByTree.set(anyNode.tree, settings);
  }
  return settings;
}

/** Does the file that holds `node` read as a settings module: two or more known settings set at module level? */
export function isSettingsModule(node: Node): boolean {
  return moduleSettings(node).isSettingsModule;
}

/** The values the module assigns to `name` at module level (`NAME = ...`, `NAME += ...`, in `if`/`try` blocks too). */
export function moduleLevelValues(node: Node, name: string): readonly Node[] {
  return moduleSettings(node).values.get(name) ?? [];
}

const literalTypes = new Set(['string', 'concatenated_string', 'integer', 'float', 'true', 'false', 'none', 'list', 'tuple', 'dictionary', 'set']);

/** Is the setting also given a computed value somewhere (`SECRET_KEY = os.environ["SECRET_KEY"]`)? */
export function isReplacedAtRunTime(node: Node, name: string): boolean {
  return moduleLevelValues(node, name).some((value) => !literalTypes.has(value.type));
}

/** The module-level setting a node belongs to: `DATABASES` for a value deep inside `DATABASES = {...}`. */
export function enclosingSetting(node: Node): string | undefined {
  if (!isModuleLevel(node)) return undefined;
  let current: Node | null = node;
  while (current?.parent && current.parent.type !== 'module' && !moduleBlocks.has(current.parent.type)) current = current.parent;
  const assignment = current?.type === 'expression_statement' ? current.firstNamedChild : undefined;
  const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
  return target?.type === 'identifier' ? target.text : undefined;
}

/** `settings/dev.py`, `local_settings.py`, `settings_test.py`: settings for a developer's machine or the tests; `global_settings.py`: a framework's own defaults. */
export function isDevelopmentOrDefaultSettingsPath(filePath: string | undefined): boolean {
  if (!filePath) return false;
  const fileName = filePath.split(/[\\/]/).pop() ?? '';
  return fileName === 'global_settings.py' || /^(?:.*[_-])?(?:dev|devel|development|local|test|tests|testing|ci)(?:[_-].*)?\.py$/i.test(fileName);
}

/**
 * Query patterns for settings, names in upper case: `NAME = value` (read by settingOf() only at
 * module level of a settings module), `app.config["NAME"] = value`, and `NAME=value` keywords
 * (read only in `app.config.update(...)` and `app.config.from_mapping(...)`). One text for every
 * rule, so that the engine matches it once; each rule asks settingOf() for its own names.
 */
const settingName = '(#match? @setting "^[A-Z][A-Z0-9_]*$")';
export const settingsQuery = `(assignment left: (identifier) @setting right: (_) @value ${settingName}) @site
(assignment left: (subscript value: (attribute attribute: (identifier) @config) subscript: (string (string_content) @setting)) right: (_) @value (#eq? @config "config") ${settingName}) @site
(keyword_argument name: (identifier) @setting value: (_) @value ${settingName}) @site`;

export interface SettingSite {
  name: string;
  value: Node;
  /** The statement or keyword that sets it: where a finding goes. */
  site: Node;
  /** `module`: a settings module's `NAME = value`; `app-config`: a Flask app's `config`. */
  form: 'module' | 'app-config';
}

const configMethods = new Set(['update', 'from_mapping']);

/** `app.config.update(NAME=...)`, also through `app.config.update(dict(NAME=...))`. */
function isAppConfigCall(call: Node | null | undefined): boolean {
  const callee = call?.type === 'call' ? call.childForFieldName('function') : undefined;
  if (callee?.type !== 'attribute') return false;
  const method = callee.childForFieldName('attribute')?.text ?? '';
  const owner = callee.childForFieldName('object');
  return configMethods.has(method) && owner?.type === 'attribute' && owner.childForFieldName('attribute')?.text === 'config';
}

/** The setting a `settingsQuery` match sets, when it is one of `names` and a real one (see settingsQuery). */
export function settingOf(match: RuleMatch, names: readonly string[]): SettingSite | undefined {
  const setting = match.get('setting');
  const value = match.get('value');
  const site = match.get('site');
  if (!setting || !value || !site || !names.includes(setting.text)) return undefined;
  const name = setting.text;
  if (site.type === 'keyword_argument') {
    const call = site.parent?.parent;
    const viaDict = call?.childForFieldName('function')?.text === 'dict' ? call.parent?.parent : undefined;
    return isAppConfigCall(call) || isAppConfigCall(viaDict) ? { name, value, site, form: 'app-config' } : undefined;
  }
  if (setting.type === 'string_content') return { name, value, site, form: 'app-config' };
  return isModuleLevel(site) && isSettingsModule(site) ? { name, value, site, form: 'module' } : undefined;
}
