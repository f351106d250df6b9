import type { Node } from 'web-tree-sitter';
import type { Fix } from '../../../finding';
import type { Rule } from '../../rule';
import { argumentAt, callQuery, resolveCall } from '../calls';
import { rangeOf } from '../syntax';

/** Loaders that build only plain data (str, int, list, dict...). */
const safeLoaders = new Set(['SafeLoader', 'CSafeLoader', 'BaseLoader', 'CBaseLoader']);
/** Loaders that can construct arbitrary Python objects, or did in past PyYAML releases. */
const unsafeLoaders = new Set(['Loader', 'CLoader', 'UnsafeLoader', 'CUnsafeLoader', 'FullLoader', 'CFullLoader']);

/**
 * `yaml.load(x)` -> `yaml.safe_load(x)`; only for the module attribute form, which needs no new
 * import. Unsafe: without a Loader, PyYAML 5.1 to 5.4 used FullLoader, which builds some Python
 * objects (tuples, `!!python/name`) that SafeLoader refuses, so documents that loaded may raise.
 */
function safeLoadFix(callee: Node, method: string): Fix | undefined {
  const attribute = callee.type === 'attribute' ? callee.childForFieldName('attribute') : undefined;
  if (!attribute) return undefined;
  return {
    title: `Use yaml.safe_${method}()`,
    edits: [{ range: rangeOf(attribute), newText: `safe_${method}` }],
    applicability: 'unsafe',
    changes: 'loads plain data only: documents with !!python tags now raise an error',
  };
}

export const yamlLoadUnsafe: Rule = {
  meta: {
    id: 'yaml-load-unsafe',
    title: 'yaml.load() without a safe Loader',
    category: 'security',
    severity: 'warning',
    confidence: 'high',
    cwe: 502,
    aliases: ['B506', 'S506'],
    why: 'PyYAML\'s full and unsafe loaders turn tags such as !!python/object into Python objects and calls, so a crafted YAML document can run code while it is being read.',
    doInstead: 'Use yaml.safe_load() (or Loader=yaml.SafeLoader / yaml.CSafeLoader), which builds only plain data.',
    languages: ['python'],
  },

  query: callQuery,

  check(match, context) {
    const { call, callee, name } = resolveCall(match, context)!;
    const method = name?.match(/^yaml\.(load|load_all|unsafe_load|unsafe_load_all)$/)?.[1];
    if (!method) return;
    if (method.startsWith('unsafe_')) {
      context.report({ node: call, message: `yaml.${method}() builds any Python object the document asks for; use yaml.safe_load().` });
      return;
    }
    const loader = argumentAt(call, 1, 'Loader');
    if (!loader) {
      context.report({
        node: call,
        message: `yaml.${method}() without a Loader is unsafe in old PyYAML and an error in new; use yaml.safe_${method}().`,
        fix: safeLoadFix(callee, method),
      });
      return;
    }
    const loaderName = (context.qualifiedName(loader) ?? loader.text).split('.').pop()!;
    if (safeLoaders.has(loaderName) || !unsafeLoaders.has(loaderName)) return; // a custom loader usually extends SafeLoader
    context.report({ node: call, message: `Loader=${loaderName} can build Python objects from the document; use yaml.SafeLoader.` });
  },
};
