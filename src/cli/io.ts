// What a CLI command writes to, so tests can capture it without spawning a process.
export interface CliIO {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export type CommandRunner = (args: string[], io: CliIO) => Promise<number>;

/** Exit codes shared by every command. */
export const exitCodes = { clean: 0, findings: 1, usage: 2 } as const;

export class UsageError extends Error {}
