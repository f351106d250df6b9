// Which analysis language an editor document or a workspace file is: languages.ts decides, with
// the user's template folders (llamaReview.templates.folders).
import * as vscode from 'vscode';
import { allLanguages, languageOfDocument, recogniseFile } from '../analysis/languages';
import { readTemplateFolders } from './config';

/** The analysis language of an open document; undefined for documents no language reviews. */
export function analysisLanguageOf(document: vscode.TextDocument): string | undefined {
  // Python documents (and jinja-html, django-html) are told by their language id alone: no settings read.
  return languageOfDocument(document.languageId, undefined) ?? languageOfDocument(document.languageId, document.uri.path, { folders: { template: readTemplateFolders(document) } });
}

/** The analysis language of a file read from disk, by its path. */
export function analysisLanguageOfFile(uri: vscode.Uri): string | undefined {
  const recognised = recogniseFile(uri.path, { folders: { template: readTemplateFolders(uri) } });
  return recognised && recognised.by !== 'reference' ? recognised.language : undefined;
}

/** Every VS Code language id whose documents may be reviewed (html only in template folders), for providers. */
export function reviewedDocuments(): vscode.DocumentFilter[] {
  return allLanguages().flatMap((language) => [...language.editorLanguageIds, ...(language.editorLanguageIdsByPath ?? [])]).map((id) => ({ language: id }));
}
