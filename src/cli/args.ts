// A small argv parser: `--name value`, `--name=value`, boolean flags, repeatable list options.
import { UsageError } from './io';

export interface OptionSpec {
  /** Takes a value (`--format json`) or is a flag (`--help`). */
  kind: 'value' | 'flag' | 'list';
  /** Allowed values for a value option. */
  choices?: readonly string[];
  /**
   * A value option that may stand alone and then means this value: `--diff` is `--diff HEAD`.
   * It takes the next argument only when that is no option; `--diff=REF` is always certain.
   */
  bare?: string;
}

export interface ParsedArgs {
  positionals: string[];
  values: Map<string, string>;
  flags: Set<string>;
  lists: Map<string, string[]>;
}

export function parseArgs(args: readonly string[], specs: Record<string, OptionSpec>): ParsedArgs {
  const parsed: ParsedArgs = { positionals: [], values: new Map(), flags: new Set(), lists: new Map() };
  for (let index = 0; index < args.length; index++) {
    const arg = args[index];
    if (arg === '--') {
      parsed.positionals.push(...args.slice(index + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-' && arg !== '-h') throw new UsageError(`Unknown option "${arg}".`);
      if (arg === '-h') parsed.flags.add('help');
      else parsed.positionals.push(arg);
      continue;
    }
    const equals = arg.indexOf('=');
    const name = arg.slice(2, equals < 0 ? undefined : equals);
    const spec = specs[name];
    if (!spec) throw new UsageError(`Unknown option "--${name}".`);
    if (spec.kind === 'flag') {
      if (equals >= 0) throw new UsageError(`Option "--${name}" takes no value.`);
      parsed.flags.add(name);
      continue;
    }
    const standsAlone = spec.bare !== undefined && equals < 0 && (args[index + 1] === undefined || args[index + 1].startsWith('-'));
    const value = standsAlone ? spec.bare : equals >= 0 ? arg.slice(equals + 1) : args[++index];
    if (value === undefined) throw new UsageError(`Option "--${name}" needs a value.`);
    if (spec.choices && !spec.choices.includes(value)) {
      throw new UsageError(`Option "--${name}" must be one of ${spec.choices.join(', ')}; got "${value}".`);
    }
    if (spec.kind === 'list') {
      const items = value.split(',').map((item) => item.trim()).filter(Boolean);
      parsed.lists.set(name, [...(parsed.lists.get(name) ?? []), ...items]);
    } else {
      parsed.values.set(name, value);
    }
  }
  return parsed;
}
