// The `12 | ` gutter prompts put before each line (numberedLines). Models copy it into code they
// quote or rewrite; it is never part of the code.

/** A `12 | ` or `>12 | ` gutter, as prompts and quoted excerpts number their lines. */
export const lineGutter = /^[ >]?\s*\d+ \| ?/;

/** Code without its line-number gutters, when every non-blank line has one; else unchanged (`a | b` is code). */
export function withoutLineGutters(code: string): string {
  const lines = code.split(/\r?\n/);
  const numbered = lines.filter((line) => line.trim() !== '');
  if (numbered.length === 0 || !numbered.every((line) => lineGutter.test(line))) return code;
  return lines.map((line) => line.replace(lineGutter, '')).join('\n');
}
