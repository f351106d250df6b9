// Code shown in the chat: the lines with their numbers in a fenced block, with a longer fence when
// the code itself holds backticks.
import { numberedLines, type LineSpan } from '../../model/prompts';

/** The lines as a fenced block with their numbers, longer fences when the code contains backticks. */
export function codeBlock(text: string, span: LineSpan, marked?: ReadonlySet<number>): string {
  const body = numberedLines(text, span, marked);
  const longestRun = Math.max(2, ...(body.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return `${fence}text\n${body}\n${fence}`;
}
