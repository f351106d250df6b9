// Python: its files and editor documents, its comments, its grammar, and what the engine needs of
// it: imports for qualified names, the indentation guard its parser needs, its rules and taint models.
import { FileSystemProject } from '../flow/python/projectFiles';
import { lowerPythonModule } from '../flow/python/lower';
import { indentationLevels, maxIndentationLevels } from '../indentationDepth';
import { pythonRules } from '../rules/python';
import { pythonNames } from '../rules/python/imports';
import { pythonTaintModels, pythonTaintRules } from '../rules/python/taint';
import { renderedTemplateNames } from '../templates/references';
import type { LanguageSupport, TreeSitterAnalysis } from './languageSupport';

/** PEP 263: `# -*- coding: utf-8 -*-` counts on the first two lines only. */
const encodingDeclaration = /^[ \t\f]*#.*?coding[:=][ \t]*[-\w.]+/;

/** A file-wide directive goes after a shebang and an encoding declaration, which must stay on the first lines. */
function firstFileCommentLine(lines: readonly string[]): number {
  let free = 0;
  for (let line = 0; line < Math.min(2, lines.length); line++) {
    if ((line === 0 && lines[0].startsWith('#!')) || encodingDeclaration.test(lines[line])) free = line + 1;
  }
  return free;
}

/** Files deep enough to overflow tree-sitter-python's indentation stack are never parsed (see indentationDepth.ts). */
const indentationGuard: TreeSitterAnalysis['beforeParse'] = (text, options) => {
  const levels = indentationLevels(text);
  const maxLevels = options.maxIndentationLevels ?? maxIndentationLevels;
  if (levels <= maxLevels) return undefined;
  return {
    reason: 'too-deep',
    message: `Skipped: the file has ${levels} indentation levels; the Python parser is only safe up to ${maxLevels} (CPython stops at 100).`,
  };
};

export const python: LanguageSupport = {
  id: 'python',
  name: 'Python',
  // A named file of no known language is read as Python, as Ruff and Bandit do (scripts without `.py`).
  files: { extensions: ['.py', '.pyi'], fallback: true },
  editorLanguageIds: ['python'],
  comment: { open: '#', close: '', toolDirectives: true, lineContinuation: '\\', firstFileCommentLine },
  markdownFence: 'python',
  modelReviewed: true,
  templateNames: renderedTemplateNames,
  analysis: {
    kind: 'tree-sitter',
    grammar: { packageName: 'tree-sitter-python', wasm: 'tree-sitter-python.wasm' },
    commentQuery: '(comment) @comment',
    rules: pythonRules,
    names: pythonNames,
    taint: {
      rules: pythonTaintRules,
      models: pythonTaintModels,
      lower: (root, text) => lowerPythonModule(root, text),
      openProject: (parse) => new FileSystemProject(parse),
    },
    beforeParse: indentationGuard,
  },
};
