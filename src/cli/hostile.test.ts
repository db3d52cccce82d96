/**
 * Hostile and broken input, spawned as a user would run the CLI (`node --import tsx src/cli/main.ts …`): every case
 * ends with the right exit code, a short message and no stack, and none hangs. One table per group of the issue
 * "Hostile and broken input": bad files, output paths, pipes and workers, engine failures, block data.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerLimit } from './args.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BLOCK = resolve(ROOT, 'public/blocks/19426587.json');
const DEMO = JSON.parse(readFileSync(resolve(ROOT, 'examples/counter-demo.json'), 'utf8')) as Record<string, any>;
const tmp = mkdtempSync(join(tmpdir(), 'parallax-hostile-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The CLI, spawned; `preload`: a module imported first (to break the engine on purpose). */
function cli(args: string[], opts: { preload?: string; timeout?: number } = {}): Ran {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', ...(opts.preload ? ['--import', opts.preload] : []), 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: opts.timeout ?? 90_000,
    maxBuffer: 64 * 2 ** 20,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, ms: performance.now() - t0 };
}

const lines = (text: string) => text.split('\n').filter((l) => l !== '');
const STACK = /\n\s+at |Error: |internal error/;

/** `name.json` in the temp folder, holding `json` (an object, or raw text). */
function file(name: string, json: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, typeof json === 'string' ? json : JSON.stringify(json));
  return path;
}

/** The demo scenario's text with `from` replaced by `to` once (to put hostile values where JSON.stringify cannot). */
function demoWith(from: string, to: string): string {
  const text = JSON.stringify(DEMO);
  if (!text.includes(from)) throw new Error(`no ${from} in the demo`);
  return text.replace(from, to);
}

const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const block = () => JSON.parse(readFileSync(BLOCK, 'utf8')) as { block: Record<string, any>; prestate: Record<string, any>; blockHashes: unknown };

describe('bad files: exit 2, one short line, no stack', () => {
  const first = '"label":"Alice → Bob, 0.1 ETH"';
  const account = '"0x0000000000000000000000000000000000000ca7":{"balance":"0x0","nonce":"0x0"';
  const cases: [string, () => string, RegExp][] = [
    ['a deeply nested version', () => file('deep-version.json', demoWith('"version":1', `"version":${deep(100_000)}`)), /version: unsupported version an array/],
    ['a deeply nested label', () => file('deep-label.json', demoWith(first, `"label":${deep(100_000)}`)), /transactions\[0\]\.label: expected a string, got an array/],
    ['a deeply nested description', () => file('deep-description.json', demoWith(`"description":${JSON.stringify(DEMO.description)}`, `"description":${deep(100_000)}`)), /description: expected a string, got an array/],
    ['a 2 MB version string', () => file('long-version.json', demoWith('"version":1', `"version":"${'a'.repeat(2_000_000)}"`)), /version: unsupported version "a{45}…" \(2000000 characters\)/],
    ['a 1 MB pre-state key', () => file('long-key.json', demoWith('"preState":{', `"preState":{"0x${'ab'.repeat(500_000)}":{},`)), /preState\["0xabab.*…"\]: expected a 20-byte address/],
    ['__proto__ at the top level', () => file('proto-top.json', demoWith('"version":1', '"version":1,"__proto__":{"polluted":1}')), /: __proto__: unknown field \(expected one of version, name/],
    ['constructor in a transaction', () => file('proto-tx.json', demoWith(first, `${first},"constructor":5`)), /transactions\[0\]\.constructor: unknown field/],
    ['__proto__ as a pre-state address', () => file('proto-pre.json', demoWith('"preState":{', '"preState":{"__proto__":{"balance":"0x1"},')), /preState\.__proto__: expected a 20-byte hex address, got "__proto__"/],
    ['prototype in an account', () => file('proto-account.json', demoWith(account, `${account},"prototype":1`)), /\.prototype: unknown field \(expected one of balance, nonce, code, storage\)/],
    ['__proto__ as a storage slot', () => file('proto-storage.json', demoWith(account, `${account},"storage":{"__proto__":"0x1"}`)), /storage\.__proto__: expected a 0x-prefixed hex storage slot/],
    ['__proto__ as a block-hash number', () => file('proto-hashes.json', demoWith('"blockHashes":{}', `"blockHashes":{"__proto__":"0x${'11'.repeat(32)}"}`)), /blockHashes\.__proto__: expected a decimal block number/],
    ['__proto__ in a bundle transaction', () => {
      const b = block();
      return file('proto-bundle.json', JSON.stringify(b).replace('"transactions":[{', '"transactions":[{"__proto__":{"x":1},'));
    }, /block\.transactions\[0\]\.__proto__: unknown field/],
    ['a transaction twice in a bundle', () => {
      const b = block();
      b.block.transactions[1] = b.block.transactions[0];
      return file('duplicate.json', b);
    }, /block\.transactions\[1\]\.hash: is also the hash of transaction 0: a transaction can be in a block once/],
    ['a header that uses more gas than its limit', () => {
      const b = block();
      b.block.gasLimit = '0x100000';
      for (const t of b.block.transactions) t.gas = '0x5208';
      return file('header-over-limit.json', b);
    }, /block\.gasUsed: exceeds block\.gasLimit \(1048576\), got 2633933: not a valid block/],
  ];
  it.each(cases)('%s', (_name, make, message) => {
    const out = cli(['run', make(), '--workers', '1']);
    expect(out.stderr).toMatch(message);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(lines(out.stderr)).toHaveLength(1);
    expect(out.stderr.length).toBeLessThan(400);
    expect(out.stderr).not.toMatch(STACK);
  });

  it('20,000 bad transactions: the first 20 problems, then how many more', () => {
    const bad = { ...DEMO, transactions: Array.from({ length: 20_000 }, () => ({ ...DEMO.transactions[0], gas: 'lots' })) };
    const out = cli(['run', file('many-bad.json', bad), '--workers', '1']);
    expect(out.code).toBe(2);
    const l = lines(out.stderr);
    expect(l).toHaveLength(21);
    expect(l[0]).toMatch(/^error: many-bad\.json: transactions\[0\]\.gas: expected a hex quantity, got "lots"$/);
    expect(l[20]).toBe('many-bad.json: … and 19,980 more problems');
  });
});

describe('output paths, pipes and workers', () => {
  let big: string;
  beforeAll(() => {
    // A Result whose JSON is larger than a pipe's buffer, so a reader that stops early really closes a pipe on it.
    const gen = cli(['gen', '--preset', 'independent-payments', '--txs', '2000']);
    expect(gen.code).toBe(0);
    big = file('payments-2000.json', gen.stdout);
  });
  const demo = () => file('demo.json', DEMO);

  // Before: a recursive mkdir under /proc spun at 100 % CPU for ever, after the run had finished.
  const unwritable: [string, () => string[], RegExp][] = [
    ['--trace under /proc', () => ['run', demo(), '--workers', '1', '--trace', '/proc/parallax/t.json'], /^error: cannot write the trace to \/proc\/parallax\/t\.json: cannot create the directory \/proc\/parallax: no such file or directory \(ENOENT\)$/],
    ['--chrome-trace under /proc', () => ['run', demo(), '--workers', '1', '--chrome-trace', '/proc/self/x/c.json'], /^error: cannot write the Chrome trace to \/proc\/self\/x\/c\.json: /],
    ['compare --json-out under /proc', () => ['compare', '--preset', 'dex-rush', '--txs', '10', '--json-out', '/proc/parallax/out.json'], /^error: cannot write the results to \/proc\/parallax\/out\.json: /],
    ['a directory as the trace file', () => ['run', demo(), '--workers', '1', '--trace', tmp], /^error: cannot write the trace to .*: it is a directory$/],
    ['a file as a directory', () => ['run', demo(), '--workers', '1', '--trace', join(demo(), 'trace.json')], /^error: cannot write the trace to .*: .*demo\.json is not a directory$/],
  ];
  it.each(unwritable)('%s: exit 2 at once, one line', (_name, args, message) => {
    const out = cli(args(), { timeout: 30_000 });
    expect(out.code).toBe(2);
    expect(out.stderr.trim()).toMatch(message);
    expect(lines(out.stderr)).toHaveLength(1);
    expect(out.ms).toBeLessThan(20_000); // it fails before starting any worker
  });

  it.skipIf(!existsSync('/proc/version'))('a trace that fails to write after the run never hides a --verify mismatch', () => {
    const b = block();
    [b.block.transactions[3], b.block.transactions[4]] = [b.block.transactions[4], b.block.transactions[3]];
    const out = cli(['run', file('swapped.json', b), '--workers', '1', '--verify', '--trace', '/proc/version']);
    expect(out.code).toBe(1); // the mismatch, not the write error
    expect(out.stdout).toMatch(/✗ receiptsRoot differs from the block header/);
    expect(out.stdout).toMatch(/✗ transactionsRoot differs from the block header/);
    expect(out.stderr.trim()).toMatch(/^error: cannot write the trace to \/proc\/version: /);
  });

  const closed: [string, () => string[]][] = [
    ['run --json', () => ['run', big, '--workers', '1', '--json']],
    ['gen', () => ['gen', '--preset', 'independent-payments', '--txs', '20000']],
    ['compare', () => ['compare', '--preset', 'dex-rush', '--txs', '10', '--workers', '1', '--ceiling-txs', '0', '--json']],
  ];
  it.each(closed)('%s | head -c 100: a quiet exit', async (_name, args) => {
    const r = await readThenClose(args(), 100);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toMatch(/EPIPE/);
    expect(r.code).toBe(0);
  });

  it(`--workers above ${WORKER_LIMIT_HERE} (4 per core here) is refused, and --help says so`, () => {
    for (const args of [['run', demo(), '--workers', '64'], ['compare', '--preset', 'dex-rush', '--workers', `1,${WORKER_LIMIT_HERE + 1}`]]) {
      const out = cli(args);
      expect(out.code).toBe(2);
      expect(lines(out.stderr)).toHaveLength(1);
      expect(out.stderr).toMatch(new RegExp(`--workers \\d+ is more than this machine can run: at most ${WORKER_LIMIT_HERE} here .*npm run cli -- scale`));
    }
    for (const command of ['run', 'compare']) expect(cli([command, '--help']).stdout).toMatch(new RegExp(`at most ${WORKER_LIMIT_HERE} here`));
  });
});

const WORKER_LIMIT_HERE = workerLimit(availableParallelism());

/** Spawns the CLI, reads `bytes` of its stdout and closes the pipe, as `| head -c N` does; waits for the exit. */
function readThenClose(args: string[], bytes: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let got = 0;
    let stderr = '';
    const kill = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stdout!.on('data', (d: Buffer) => {
      got += d.length;
      if (got >= bytes) child.stdout!.destroy();
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('exit', (code) => {
      clearTimeout(kill);
      done({ code, stderr });
    });
  });
}

describe('engine failures: exit 3, one line', () => {
  /** Kills each worker as soon as a call reaches it (after the first `after` calls): a crash storm, for real. */
  const breaker = (after: number) =>
    file(
      `break-after-${after}.mjs`,
      // Worker threads inherit the --import: only the main thread's pool is broken.
      `import { isMainThread } from 'node:worker_threads';
if (isMainThread) {
  const { WorkerPool } = await import(${JSON.stringify(pathToFileURL(resolve(ROOT, 'src/engine/workers/pool.ts')).href)});
  const call = WorkerPool.prototype.call;
  let calls = 0;
  WorkerPool.prototype.call = function (i, fn, generation) {
    const answer = call.call(this, i, fn, generation);
    if (++calls > ${after}) this.kill(i);
    return answer;
  };
}`,
    );
  const cases: [string, number, RegExp][] = [
    ['workers that keep crashing during a run', 2, /^error: cannot run: workers keep crashing \(9 in 5 s\); last: terminated$/],
    ['workers that die before they answer', 0, /^error: the workers could not start: worker \d crashed: terminated$/],
  ];
  it.each(cases)('%s', (_name, after, message) => {
    const out = cli(['run', file('demo.json', DEMO), '--workers', '2'], { preload: breaker(after) });
    expect(out.stderr.trim()).toMatch(message);
    expect(out.code).toBe(3);
    expect(lines(out.stderr)).toHaveLength(1);
  });
});

describe('messages that tell bad data from a bad engine', () => {
  it('a sender missing from the pre-state is named as such', () => {
    const b = block();
    const sender = b.block.transactions[0].from.toLowerCase();
    for (const a of Object.keys(b.prestate)) if (a.toLowerCase() === sender) delete b.prestate[a];
    const out = cli(['run', file('no-sender.json', b), '--workers', '1']);
    expect(out.code).toBe(2);
    expect(lines(out.stderr)).toHaveLength(1);
    expect(out.stderr).toMatch(new RegExp(`transactions\\[0\\] is not valid: its sender ${sender} has no account: it is absent from the pre-state`));
  });

  it('an altered transaction: its hash names it, the blooms differ visibly, and the data is the suspect', () => {
    const b = block();
    const t = b.block.transactions[5];
    t.value = `0x${(BigInt(t.value) + 1n).toString(16)}`;
    const out = cli(['run', file('altered.json', b), '--workers', '1', '--verify', '--trust-from']);
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/✓ receipts match sequential/);
    expect(out.stdout).toMatch(/✗ transaction hashes differ from the bundle: transaction 5 hashes to 0x[0-9a-f]{64}, the bundle says 0x[0-9a-f]{64} \(1 of 37 differ/);
    const bloom = /✗ logsBloom differs from the block header: expected (\S+), got (\S+) \((\d+) bits? differ/.exec(out.stdout);
    expect(bloom).not.toBeNull();
    expect(bloom![1]).not.toBe(bloom![2]); // the excerpts show the difference, not the same two ends
    expect(out.stdout).toMatch(/→ the run equals sequential, so the data is the suspect/);
  });

  it('a real block whose transactions overflow its gas limit is refused; a scenario is told', () => {
    const b = block();
    b.block.gasLimit = '0x2dc6c0'; // 3,000,000: every transaction fits alone, not all of them together
    const refused = cli(['run', file('block-over-limit.json', b), '--workers', '1']);
    expect(refused.code).toBe(2);
    expect(lines(refused.stderr)).toHaveLength(1);
    expect(refused.stderr).toMatch(/not a valid block: transaction \d+ may use up to [\d,]+ gas, but only [\d,]+ of the block's gas limit of 3,000,000 is left/);

    const s: Record<string, any> = { ...DEMO, block: { ...DEMO.block, gasLimit: '0x186a0' } }; // 100,000 gas for 20 transfers
    s.preState['0x000000000000000000000000000000000000a11c'].balance = '0x56bc75e2d63100000';
    s.transactions = Array.from({ length: 20 }, (_, i) => ({ ...DEMO.transactions[0], nonce: `0x${i.toString(16)}` }));
    const told = cli(['run', file('scenario-over-limit.json', s), '--workers', '1']);
    expect(told.code).toBe(0);
    expect(told.stdout).toMatch(/note: transaction 4 may use up to 21,000 gas, but only 16,000 of the block's gas limit of 100,000 is left .*all 20 use 420,000 gas: a real block could not hold these transactions/);
  });
});
