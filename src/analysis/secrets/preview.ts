// How a message shows a secret it found.

/**
 * How a message shows a secret: weak and short values in full (seeing them is the point), others
 * by their first characters only, so that reports and logs do not spread a working key.
 */
export function secretPreview(value: string, showAll = false): string {
  if (showAll || value.length <= 8) return `'${value}'`;
  return `'${value.slice(0, 4)}…', ${value.length} characters long`;
}
