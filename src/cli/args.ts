/**
 * Argument handling shared by the CLI commands: `node:util` `parseArgs` in strict mode, with its errors turned into
 * one readable line, and the small value checks every command needs (positive integers, lists, strategy names).
 */
import { availableParallelism } from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EngineFailure, RunCancelled, RunError } from '../engine/runtime/errors.ts';
import { STRATEGY_CATALOG } from '../engine/strategies/catalog.ts';
import { EXIT_CANCELLED, announceCancelled } from './interrupt.ts';
import { OutputError, exitQuietlyOnClosedPipe } from './output.ts';

/** Exit codes every command uses. */
export const EXIT = {
  ok: 0,
  /** `--verify` found a difference, or a benchmark run disagreed with `sequential`. */
  mismatch: 1,
  /** Bad input or usage: the message says what to fix. */
  usage: 2,
  /** An engine failure (one line, e.g. workers that keep crashing), or a bug (printed with its stack). */
  internal: 3,
  /** Cancelled with Ctrl-C (SIGINT). */
  cancelled: EXIT_CANCELLED,
} as const;

/** An error whose message is meant for the user as is: printed on one line (no stack), exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  constructor(message: string, readonly exitCode: number = EXIT.usage) {
    super(message);
  }
}

/** One subcommand of `parallax`: `run` today; `gen`, `presets` and `compare` plug in the same way. */
export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Full help text for `help <command>` and `<command> --help`. */
  usage: string;
  /** Runs the command with the arguments after its name; resolves to the exit code. */
  main(argv: string[]): Promise<number>;
}

/**
 * Runs `fn` as a CLI process: its exit code; a `UsageError`, `RunError`, `OutputError` (exit 2) or `EngineFailure`
 * (exit 3) as one line on stderr; `RunCancelled` as `cancelled` (exit 130, see interrupt.ts); anything else with its
 * stack (exit 3). A reader that closes stdout or stderr early ends the process quietly (output.ts).
 */
export async function runMain(fn: () => Promise<number>): Promise<void> {
  exitQuietlyOnClosedPipe();
  try {
    process.exitCode = await fn();
  } catch (error) {
    if (error instanceof RunCancelled) {
      announceCancelled();
      process.exitCode = EXIT.cancelled;
    } else if (error instanceof UsageError) {
      console.error(`error: ${error.message}`);
      process.exitCode = error.exitCode;
    } else if (error instanceof RunError || error instanceof OutputError) {
      console.error(`error: ${error.message}`);
      process.exitCode = EXIT.usage;
    } else if (error instanceof EngineFailure) {
      console.error(`error: ${error.message}`);
      process.exitCode = EXIT.internal;
    } else {
      console.error('internal error (please report it):', error);
      process.exitCode = EXIT.internal;
    }
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * `parseArgs` with `strict: true`, positionals allowed, and its errors rephrased:
 * `unknown option --foo (see: npm run cli -- help run)`, `option --workers needs a value`.
 */
export function parseCommandArgs<const O extends Options>(argv: string[], options: O, helpHint: string) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(`${describeParseError(error, options)} (see: ${helpHint})`);
  }
}

function describeParseError(error: unknown, options: Options): string {
  const e = error as Error & { code?: string };
  const quoted = /'(-[^' ]*)/.exec(e.message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option ${quoted ?? e.message}`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      const long = /--([A-Za-z][\w-]*)/.exec(e.message)?.[1];
      if (long === undefined) return e.message;
      return options[long]?.type === 'string' ? `option --${long} needs a value` : `option --${long} does not take a value`;
    }
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument ${/'([^']*)'/.exec(e.message)?.[1] ?? ''}`.trimEnd();
    default:
      return e.message;
  }
}

/** `"4"` → 4; anything but a whole number in [1, max] is a `UsageError` naming the option. */
export function positiveInt(option: string, text: string, max = 1024): number {
  const n = /^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw new UsageError(`--${option} must be a positive integer, got "${text}"`);
  if (n > max) throw new UsageError(`--${option} must be at most ${max}, got ${n}`);
  return n;
}

/** `"1,2,4"` → [1, 2, 4]. */
export function positiveIntList(option: string, text: string, max = 1024): number[] {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.some((p) => p === '')) throw new UsageError(`--${option} must be a comma-separated list of positive integers, got "${text}"`);
  return parts.map((p) => positiveInt(option, p, max));
}

/**
 * Real workers beyond the cores only take turns on them, and each costs ~1.3 s of CPU to start (its modules load
 * through tsx) and ~50 MB: 16 workers took 38 s to start on 2 busy cores, 64 never finished a 3-transaction block.
 * So `--workers` stops at this many per core (at least `MIN_WORKER_LIMIT` in all, so 1,2,4,8 works anywhere); the
 * scale lab (`npm run cli -- scale`) simulates more.
 */
export const WORKERS_PER_CORE = 4;
export const MIN_WORKER_LIMIT = 8;

/** The most real workers the CLI starts on a machine with `cores` cores. */
export function workerLimit(cores = availableParallelism()): number {
  return Math.max(MIN_WORKER_LIMIT, WORKERS_PER_CORE * cores);
}

/** For `--help`: `at most 8 here (4 per core, at least 8; the scale lab simulates more)`. */
export function workerLimitText(cores = availableParallelism()): string {
  return `at most ${workerLimit(cores)} here (${WORKERS_PER_CORE} per core, at least ${MIN_WORKER_LIMIT}; \`scale\` simulates more)`;
}

/** A `--workers` value: a positive integer up to `workerLimit`, or a `UsageError` that says why the limit exists. */
export function workerCount(option: string, text: string, cores = availableParallelism()): number {
  const n = positiveInt(option, text, Number.MAX_SAFE_INTEGER);
  const limit = workerLimit(cores);
  if (n > limit) {
    throw new UsageError(
      `--${option} ${n} is more than this machine can run: at most ${limit} here (${WORKERS_PER_CORE} per core, ${cores} ` +
        `core${cores === 1 ? '' : 's'}); more workers than cores only take turns on them, and each costs ~1 s to start ` +
        'and ~50 MB (to study more workers, simulate them: npm run cli -- scale)',
    );
  }
  return n;
}

/** `"1,2,4"` as worker counts, each checked by `workerCount`. */
export function workerCountList(option: string, text: string, cores = availableParallelism()): number[] {
  return positiveIntList(option, text, Number.MAX_SAFE_INTEGER).map((n) => workerCount(option, String(n), cores));
}

/** `"eth,amm"` → ['eth', 'amm'], each checked against `allowed`. */
export function choiceList<T extends string>(option: string, text: string, allowed: readonly T[]): T[] {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) throw new UsageError(`--${option} needs at least one of: ${allowed.join(', ')}`);
  for (const p of parts) {
    if (!(allowed as readonly string[]).includes(p)) throw new UsageError(`--${option}: unknown value "${p}" (known: ${allowed.join(', ')})`);
  }
  return parts as T[];
}

/** The strategy names `--strategy` accepts. */
export const strategyNames = (): string[] => STRATEGY_CATALOG.map((s) => s.name);

/** Checks a `--strategy` value up front, so a typo fails before any worker starts. */
export function strategyName(text: string): string {
  const known = strategyNames();
  if (!known.includes(text)) throw new UsageError(`unknown strategy "${text}" (known: ${known.join(', ')})`);
  return text;
}
