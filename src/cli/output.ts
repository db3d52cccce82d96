/**
 * Where the CLI's output goes, made safe: files it is asked to write (`--trace`, `--chrome-trace`, `--json-out`) and
 * the pipes it prints to.
 *
 * - A file that cannot be written is one line naming the file and why (`OutputError`), never a hang: Node's
 *   `mkdir(…, { recursive: true })` loops forever on a path under `/proc`, so missing directories are created one at
 *   a time, and the first refusal is final.
 * - A reader that stops reading (`run --json | head -c 100`) is the reader's choice: the process ends at once, quietly,
 *   with the exit code its command has already decided on (0 if it has not decided yet).
 */
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';

/** A file the user named could not be written: the message is one line, for people. */
export class OutputError extends Error {
  override readonly name = 'OutputError';
}

/** Creates `dir` and its missing parents, one at a time (never a recursive `mkdir`; see above). */
export async function ensureDirectory(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = resolve(dir); ; ) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(d)).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT') throw new OutputError(`cannot use the directory ${d}: ${reason(error)}`);
      missing.push(d);
      const up = dirname(d);
      if (up === d) break;
      d = up;
      continue;
    }
    if (!isDirectory) throw new OutputError(`${d} is not a directory`);
    break;
  }
  for (const d of missing.reverse()) {
    try {
      await mkdir(d);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      throw new OutputError(`cannot create the directory ${d}: ${reason(error)}`);
    }
  }
}

/**
 * Checks, before any work, that `path` can be a file to write: its directory exists (or is created now) and it is not
 * itself a directory. Throws an `OutputError` naming `what`; so a bad path fails in a moment, not after the run.
 */
export async function prepareOutputFile(path: string, what: string): Promise<void> {
  try {
    await ensureDirectory(dirname(resolve(path)));
    const existing = await stat(path).catch(() => undefined);
    if (existing?.isDirectory()) throw new OutputError('it is a directory');
  } catch (error) {
    const why = error instanceof OutputError ? error.message : reason(error);
    throw new OutputError(`cannot write the ${what} to ${path}: ${why}`);
  }
}

/**
 * Writes `text` to `path` (creating its directory), or throws an `OutputError` that names `what` and the file:
 * `cannot write the trace to /proc/x/t.json: cannot create the directory /proc/x: no such file or directory`.
 */
export async function writeOutputFile(path: string, text: string, what: string): Promise<void> {
  try {
    await ensureDirectory(dirname(resolve(path)));
    await writeFile(path, text);
  } catch (error) {
    const why = error instanceof OutputError ? error.message : reason(error);
    throw new OutputError(`cannot write the ${what} to ${path}: ${why}`);
  }
}

/** `ENOENT: no such file or directory, mkdir '/proc/x'` → `no such file or directory (ENOENT)`. */
function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (typeof e?.code === 'string' && typeof e.message === 'string') {
    const text = e.message.replace(new RegExp(`^${e.code}: `), '').replace(/, \w+ '.*'$/s, '');
    return `${text} (${e.code})`;
  }
  return String((error as Error)?.message ?? error).split('\n')[0]!;
}

let pipesWatched = false;

/**
 * Ends the process quietly when the reader of stdout or stderr goes away (EPIPE), with the exit code the command has
 * already set (`process.exitCode`), else 0. Any other stream error is rethrown. Installed once, by `runMain`.
 */
export function exitQuietlyOnClosedPipe(): void {
  if (pipesWatched) return;
  pipesWatched = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
      const code = process.exitCode;
      process.exit(typeof code === 'number' ? code : 0);
    });
  }
}
