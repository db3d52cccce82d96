/** `compare`: the real CLI on a small preset (table and JSON), its usage errors, and the mismatch check. */
import { spawnSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Result } from '../engine/result.ts';
import { STRATEGY_CATALOG } from '../engine/strategies/catalog.ts';
import { UsageError } from './args.ts';
import { parseStrategies } from './commands/compare.ts';
import { differencesFromSequential, type Comparison } from './compare/comparison.ts';
import { describeFailures } from './compare/table.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const PARALLEL = STRATEGY_CATALOG.map((s) => s.name).filter((n) => n !== 'sequential');

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'compare', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli compare on a small preset', () => {
  // One spawn: with --json the JSON is on stdout and the human output on stderr.
  let out: ReturnType<typeof cli>;
  beforeAll(() => {
    out = cli('--preset', 'dex-rush', '--txs', '30', '--workers', '1,2', '--strategies', 'all', '--ceiling-txs', '0', '--no-warmup', '--runs', '1', '--json', '--why');
  });

  it('prints one JSON object with a row per strategy × worker count, sequential first, all equal to sequential', () => {
    expect(out.code, out.stderr).toBe(0);
    const json = JSON.parse(out.stdout);
    const c: Comparison = json.comparison;
    expect(c.scenario).toMatchObject({ name: 'dex-rush', txs: 30 });
    expect(c.rows.map((r) => `${r.strategy}×${r.workers}`)).toEqual(['sequential×1', ...PARALLEL.flatMap((s) => [`${s}×1`, `${s}×2`])]);
    expect(c.failures).toEqual([]);
    for (const r of c.rows) {
      expect(r.ok).toBe(true);
      expect(r.wallMs).toHaveLength(1);
      const m = r.metrics!;
      for (const k of ['wallMs', 'speedup', 'efficiency', 'executions', 'aborts', 'wastedGas', 'meanUtilisation', 'txPerSec'] as const) {
        expect(typeof m[k], `${r.strategy}×${r.workers} ${k}`).toBe('number');
      }
      expect(m.executions).toBeGreaterThanOrEqual(30);
    }
    expect(c.rows[0].metrics!.speedup).toBe(1);
    expect(c.analysis.speedupBound).toBeGreaterThanOrEqual(1);
    expect(c.analysis.hotKeys.length).toBeGreaterThan(0);
    expect(json.markdown).toMatch(/^\| strategy \| workers \| wall ms \|/);
  });

  it('with --why, gives every parallel row the anatomy of its aborts, in the JSON and in words', () => {
    const c: Comparison = JSON.parse(out.stdout).comparison;
    expect(c.rows[0].anatomy).toBeUndefined(); // sequential
    for (const r of c.rows.slice(1)) {
      const a = r.anatomy!;
      expect(a, `${r.strategy}×${r.workers}`).toBeDefined();
      expect(a.aborts, `${r.strategy}×${r.workers}`).toBe(r.metrics!.aborts);
      expect(a.summary).toMatch(new RegExp(`^${r.strategy} ×${r.workers}: `));
    }
    expect(out.stderr).toMatch(/Where the aborts of block-stm ×2 come from \(its median run\):\nblock-stm ×2: /);
  });

  it('prints the conflict analysis, the table and a closing verdict', () => {
    expect(out.stderr).toMatch(/critical path: \d+ txs, .* speedup bound \d+\.\d\d×/);
    expect(out.stderr).toMatch(/strategy\s+workers\s+wall ms\s+spread\s+speedup\s+eff\. vs bound\s+executions\s+aborts\s+wasted gas\s+utilisation/);
    for (const s of PARALLEL) expect(out.stderr).toMatch(new RegExp(`^${s}\\s+2\\s+\\d`, 'm'));
    expect(out.stderr).toMatch(/✓ every run equals sequential/);
  });
});

describe('cli compare bad input exits 2 with one clear line', () => {
  const cases: [string, string[], RegExp][] = [
    ['an unknown strategy', ['--preset', 'dex-rush', '--strategies', 'block-stm,fastest'], /--strategies: unknown strategy "fastest" \(known: all, /],
    ['a bad worker list', ['--preset', 'dex-rush', '--workers', '1,,4'], /--workers must be a comma-separated list of positive integers, got "1,,4"/],
    ['zero workers', ['--preset', 'dex-rush', '--workers', '2,0'], /--workers must be a positive integer, got "0"/],
    ['an unknown preset', ['--preset', 'dex-rushh'], /--preset: unknown preset "dex-rushh" \(did you mean "dex-rush"\?\)/],
    ['--txs without --preset', ['examples/counter-demo.json', '--txs', '5'], /--txs and --seed go with --preset/],
    ['no input', [], /needs a scenario or bundle file, or --preset ID/],
  ];
  it.each(cases)('%s', (_name, args, message) => {
    const out = cli(...args);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr).toMatch(message);
    expect(out.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('parseStrategies', () => {
  it('takes all, a list, and ignores sequential (it always runs)', () => {
    expect(parseStrategies(undefined)).toEqual(PARALLEL);
    expect(parseStrategies('all')).toEqual(PARALLEL);
    expect(parseStrategies('sequential, block-stm,block-stm')).toEqual(['block-stm']);
    expect(() => parseStrategies(' , ')).toThrow(UsageError);
  });
});

describe('the mismatch check', () => {
  const receipt = { status: 1 as const, gasUsed: '0x5208' as const, cumulativeGasUsed: '0x5208' as const, logs: [] };
  const reference: Result = {
    strategy: 'sequential', workers: 1, txCount: 1, gasUsed: '0x5208', stateRoot: `0x${'1'.repeat(64)}`, receiptsRoot: `0x${'2'.repeat(64)}`,
    logsBloom: `0x${'0'.repeat(512)}`, receipts: [receipt], senders: [],
    stats: { wallMs: 1, rootMs: 1, recoverMs: 0, executions: 1, hintExecutions: 0, reexecutions: 0, validations: 0, aborts: 0, abortsByKey: {}, workerBusyMs: [1], workerRestarts: 0 },
  };

  it('finds nothing when a result equals sequential', () => {
    expect(differencesFromSequential(reference, { ...reference, strategy: 'block-stm', workers: 4 })).toEqual([]);
  });

  it('names a different state root and a different receipt', () => {
    const doctored: Result = { ...reference, stateRoot: `0x${'3'.repeat(64)}`, receipts: [{ ...receipt, status: 0 }] };
    const d = differencesFromSequential(reference, doctored);
    expect(d).toHaveLength(2);
    expect(d[0]).toMatch(/^stateRoot differs from sequential: expected 0x1{64}, got 0x3{64}$/);
    expect(d[1]).toMatch(/receipts differ from sequential: tx 0: status expected 1, got 0/);
  });

  it('turns failures into a loud closing block', () => {
    const c = { scenario: { name: 'x', txs: 1, gasUsed: '0x0' }, failures: ['block-stm ×4: run 1/1: stateRoot differs'] } as unknown as Comparison;
    expect(describeFailures(c)).toMatch(/^✗ 1 MISMATCH\(ES\) OR FAILURE\(S\).*\n {2}✗ block-stm ×4: run 1\/1: stateRoot differs$/);
  });
});
