/** The real CLI, spawned as users run it: `node --import tsx src/cli/main.ts …` from the project root. */
import { STRATEGY_CATALOG as ALL_STRATEGIES } from '../engine/strategies/catalog.ts';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BUNDLE = resolve(ROOT, '../shared/data/mainnet/19426587.json');
const DEMO = 'examples/counter-demo.json';
const tmp = mkdtempSync(join(tmpdir(), 'parallax-cli-'));

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli run --json', () => {
  const STRATEGIES = ['sequential', 'block-stm'] as const;
  const runs = new Map<string, { trace: string; chrome: string; out: ReturnType<typeof cli> }>();
  /** Each strategy's run, spawned once on first use. */
  const run = (strategy: string) => {
    if (!runs.has(strategy)) {
      const trace = join(tmp, `${strategy}.trace.json`);
      const chrome = join(tmp, `${strategy}.chrome.json`);
      const out = cli('run', DEMO, '--strategy', strategy, '--workers', '2', '--json', '--trace', trace, '--chrome-trace', chrome);
      runs.set(strategy, { trace, chrome, out });
    }
    return runs.get(strategy)!;
  };

  it.each(STRATEGIES)('%s prints the Result as one JSON object', (strategy) => {
    const { out } = run(strategy);
    expect(out.stderr).not.toMatch(/error/i);
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result.strategy).toBe(strategy);
    expect(result.workers).toBe(strategy === 'sequential' ? 1 : 2);
    expect(result.txCount).toBe(3);
    expect(result.gasUsed).toBe('0xf618'); // three 21,000-gas transfers
    expect(result.stateRoot).toMatch(/^0x[0-9a-f]{64}$/);
    expect(result.receiptsRoot).toMatch(/^0x[0-9a-f]{64}$/);
    expect(result.logsBloom).toMatch(/^0x[0-9a-f]{512}$/);
    expect(result.receipts).toHaveLength(3);
    expect(result.receipts[2]).toMatchObject({ status: 1, gasUsed: '0x5208', cumulativeGasUsed: '0xf618', logs: [] });
    const s = result.stats;
    for (const k of ['wallMs', 'rootMs', 'executions', 'reexecutions', 'validations']) expect(typeof s[k]).toBe('number');
    expect(s.executions).toBeGreaterThanOrEqual(3);
    expect(s.workerBusyMs).toHaveLength(result.workers);
  });

  it('gives the same roots with both strategies', () => {
    const [seq, stm] = STRATEGIES.map((st) => JSON.parse(run(st).out.stdout));
    expect(stm.stateRoot).toBe(seq.stateRoot);
    expect(stm.receiptsRoot).toBe(seq.receiptsRoot);
    expect(stm.logsBloom).toBe(seq.logsBloom);
  });

  it('writes the trace and the Chrome trace', () => {
    const { trace, chrome } = run('block-stm');
    const t = JSON.parse(readFileSync(trace, 'utf8'));
    expect(t).toMatchObject({ strategy: 'block-stm', workers: 2, txCount: 3 });
    expect(t.events.some((e: { kind: string }) => e.kind === 'commit')).toBe(true);
    const c = JSON.parse(readFileSync(chrome, 'utf8'));
    expect(c.traceEvents.some((e: { ph: string }) => e.ph === 'X')).toBe(true);
  });
});

describe('cli run --verify', () => {
  it.skipIf(!existsSync(BUNDLE))('checks a mainnet bundle against sequential and its header (block-stm, 2 workers)', () => {
    const out = cli('run', BUNDLE, '--strategy', 'block-stm', '--workers', '2', '--verify');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/37/);
    for (const line of [
      /✓ stateRoot matches sequential \(0x[0-9a-f]{64}\)/,
      /✓ receiptsRoot matches sequential/,
      /✓ logsBloom matches sequential/,
      /✓ gasUsed matches sequential/,
      /✓ receipts match sequential \(37 receipts/,
      /✓ gasUsed matches the block header \(0x2830cd\)/,
      /✓ receiptsRoot matches the block header \(0x[0-9a-f]{64}\)/,
      /✓ logsBloom matches the block header/,
    ]) {
      expect(out.stdout).toMatch(line);
    }
    expect(out.stdout).not.toMatch(/✗/);
    // Warmed up first: not a cold run.
    expect(out.stdout).not.toMatch(/^ {2}cold/m);
  });

  it('says when a run was cold (--no-warmup)', () => {
    const out = cli('run', DEMO, '--strategy', 'block-stm', '--workers', '2', '--no-warmup');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^ {2}cold {11}2 worker\(s\) ran their first run here/m);
  });
});

describe('cli bad input exits 2 with one clear line', () => {
  const demo = JSON.parse(readFileSync(join(ROOT, DEMO), 'utf8'));
  const badJson = join(tmp, 'broken.json');
  writeFileSync(badJson, '{ "version": 1,\n  "name": }\n');
  const badGas = join(tmp, 'bad-gas.json');
  demo.transactions[1].gas = 'lots';
  writeFileSync(badGas, JSON.stringify(demo));

  const cases: [string, string[], RegExp][] = [
    ['a missing file', ['run', join(tmp, 'nope.json')], /nope\.json: cannot read .*: no such file/],
    ['invalid JSON', ['run', badJson], /broken\.json: not valid JSON: .* at line 2 column \d+/],
    ['a bad gas field', ['run', badGas], /bad-gas\.json: transactions\[1\]\.gas: expected a hex quantity, got "lots"/],
    ['an unknown strategy', ['run', DEMO, '--strategy', 'fastest'], new RegExp(`unknown strategy "fastest" \\(known: ${ALL_STRATEGIES.map((x) => x.name).join(', ')}\\)`)],
    ['--workers 0', ['run', DEMO, '--workers', '0'], /--workers must be a positive integer, got "0"/],
    ['an unknown flag', ['run', DEMO, '--turbo'], /unknown option --turbo/],
  ];

  it.each(cases)('%s', (_name, args, message) => {
    const out = cli(...args);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(message);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
    expect(out.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('cli help', () => {
  it('lists the commands and the run options', () => {
    const top = cli('help');
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/run\s+run one strategy/);
    const run = cli('run', '--help');
    expect(run.code).toBe(0);
    for (const flag of ['--strategy', '--workers', '--json', '--trace', '--chrome-trace', '--verify', '--trust-from']) expect(run.stdout).toContain(flag);
  });
});
