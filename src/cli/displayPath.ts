// How the CLI names files: relative to the working directory when inside it, with forward slashes.
import { relative, sep } from 'node:path';

export function displayPath(path: string): string {
  const relativePath = relative(process.cwd(), path);
  return (relativePath && !relativePath.startsWith('..') ? relativePath : path).split(sep).join('/');
}
