// `llama-review`: the command-line face of the analysis and model cores.
import { runCheck } from './commands/check';
import { runRules } from './commands/rules';
import { run as runModels } from './commands/models';
import { run as runExplain } from './commands/explain';
import { runTriage } from './commands/triage';
import { exitCodes, UsageError, type CliIO, type CommandRunner } from './io';
import { toolVersion } from './version';

/** Every command, by name. */
const commands: Record<string, { run: CommandRunner; summary: string }> = {
  check: { run: runCheck, summary: 'review Python files (text, JSON or SARIF output)' },
  rules: { run: runRules, summary: 'list the rules with their metadata' },
  models: { run: runModels, summary: 'local models: list, fit (which suit this machine and why), download, remove' },
  explain: { run: runExplain, summary: 'explain the finding at FILE:LINE with a local model (streamed)' },
  triage: { run: runTriage, summary: 'check, then a model\'s verdict on each finding (true or false positive), held to the code' },
};

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`);
  return `Usage: llama-review <command> [options]\n\nCommands:\n${lines.join('\n')}\n\nRun "llama-review <command> --help" for a command's options.\n`;
}

export async function main(argv: string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? exitCodes.clean : exitCodes.usage;
  }
  if (name === '--version') {
    io.stdout.write(`${toolVersion()}\n`);
    return exitCodes.clean;
  }
  const command = commands[name];
  if (!command) {
    io.stderr.write(`llama-review: unknown command "${name}".\n\n${usage()}`);
    return exitCodes.usage;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`llama-review ${name}: ${error.message}\n`);
      return exitCodes.usage;
    }
    io.stderr.write(`llama-review ${name}: ${(error as Error).stack ?? error}\n`);
    return exitCodes.usage;
  }
}

/** Runs with the process's arguments and streams; sets the exit code. */
export function runCommandLine(): void {
  // A reader that stops early (`llama-review models fit | head`) closes the pipe: end quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? exitCodes.clean);
  });
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`llama-review: ${String(error)}\n`);
      process.exitCode = exitCodes.usage;
    },
  );
}

if (require.main === module) runCommandLine();
