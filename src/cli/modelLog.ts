// The CLI's model log: errors on stderr (a failed load's reasons reach the user in the error
// itself); everything, llama.cpp's warnings included, when LLAMA_REVIEW_DEBUG is set.
import type { ModelLog } from '../model/modelLog';
import type { CliIO } from './io';

export function cliModelLog(io: CliIO, env: NodeJS.ProcessEnv = process.env): ModelLog {
  const debug = !!env.LLAMA_REVIEW_DEBUG;
  return (level, message) => {
    if (level === 'error' || debug) io.stderr.write(`llama-review: [${level}] ${message}\n`);
  };
}
