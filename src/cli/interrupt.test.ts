/**
 * Ctrl-C in the CLI, on real processes: a stand-in command (no engine) for the plumbing — abort, `cancelled`, exit
 * 130, the grace period, the second SIGINT, `EngineFailure` as one line — and the real `compare` for the wiring.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GRACE_MS } from './interrupt.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const url = (path: string) => pathToFileURL(resolve(ROOT, path)).href;

/** A command that waits for Ctrl-C: `watch` ends with `RunCancelled` when its signal aborts (as the engine does),
 * `ignore` never looks at it, `fail` throws an `EngineFailure`. */
const STAND_IN = `
import { runMain } from ${JSON.stringify(url('src/cli/args.ts'))};
import { interruptible } from ${JSON.stringify(url('src/cli/interrupt.ts'))};
import { EngineFailure, RunCancelled } from ${JSON.stringify(url('src/engine/runtime/errors.ts'))};
const mode = process.argv[1];
await runMain(() => interruptible(async (signal) => {
  if (mode === 'fail') throw new EngineFailure('workers keep crashing (9 in 5 s); last: out of memory');
  const alive = setInterval(() => {}, 1000);
  console.log('ready');
  await new Promise((_, reject) => {
    if (mode === 'watch') signal.addEventListener('abort', () => reject(new RunCancelled()));
  }).finally(() => clearInterval(alive));
  return 0;
}));
`;

interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Milliseconds from the first SIGINT to the exit. */
  afterInterrupt: number;
}

/** Spawns `args`, sends SIGINT `interrupts` times once stdout shows `readyWhen`, and waits for the exit. */
function interrupted(args: string[], readyWhen: RegExp, interrupts: number): Promise<Ended> {
  return new Promise((done, fail) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let sentAt = 0;
    const kill = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (sentAt === 0 && readyWhen.test(stdout)) {
        sentAt = performance.now();
        for (let i = 0; i < interrupts; i++) setTimeout(() => child.kill('SIGINT'), i * 100);
      }
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('exit', (code, signal) => {
      clearTimeout(kill);
      done({ code, signal, stdout, stderr, afterInterrupt: sentAt ? performance.now() - sentAt : NaN });
    });
  });
}

const standIn = (mode: string, interrupts = 1) => interrupted(['--input-type=module', '--eval', STAND_IN, mode], /ready/, interrupts);

describe('Ctrl-C in the CLI', () => {
  it('aborts the signal, prints one line `cancelled` and exits 130 as soon as the work stops', async () => {
    const r = await standIn('watch');
    expect(r.stderr).toBe('cancelled\n');
    expect(r.code).toBe(130);
    expect(r.afterInterrupt).toBeLessThan(GRACE_MS);
  });

  it('exits 130 after the grace period when the work does not stop', async () => {
    const r = await standIn('ignore');
    expect(r.stderr).toBe('cancelled\n');
    expect(r.code).toBe(130);
    expect(r.afterInterrupt).toBeGreaterThanOrEqual(GRACE_MS - 100);
  });

  it('exits at once on a second Ctrl-C', async () => {
    const r = await standIn('ignore', 2);
    expect(r.stderr).toBe('cancelled\n');
    expect(r.code).toBe(130);
    expect(r.afterInterrupt).toBeLessThan(GRACE_MS / 2);
  });

  it('reports an EngineFailure on one line, exit 3', async () => {
    const r = await interrupted(['--input-type=module', '--eval', STAND_IN, 'fail'], /never/, 0);
    expect(r.stderr).toBe('error: workers keep crashing (9 in 5 s); last: out of memory\n');
    expect(r.code).toBe(3);
  });

  it('compare: Ctrl-C during a run cancels it, disposes the pool and exits 130', async () => {
    // The header line is printed once the scenario exists; the sequential run of 3,000 swaps takes seconds.
    const r = await interrupted(
      ['src/cli/main.ts', 'compare', '--preset', 'dex-rush', '--txs', '3000', '--strategies', 'block-stm', '--workers', '1', '--ceiling-txs', '0', '--no-warmup'],
      /3000 txs/,
      1,
    );
    expect(r.stderr.split('\n').filter((l) => l === 'cancelled')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/error|at .*\.ts:\d+/);
    expect(r.code).toBe(130);
    expect(r.afterInterrupt).toBeLessThan(GRACE_MS + 2_000);
  });
});
