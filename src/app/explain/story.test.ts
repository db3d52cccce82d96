import { describe, expect, it } from 'vitest';
import { analyseConflicts } from '../../engine/analysis/conflicts.ts';
import { accountKey, slotKey } from '../../engine/evm/keys.ts';
import type { Result } from '../../engine/result.ts';
import type { TraceEvent } from '../../engine/trace/events.ts';
import { Pool, Token } from '../../workloads/contracts/index.ts';
import { generatePreset } from '../../workloads/presets/index.ts';
import { bare } from './addressBook.ts';
import { explainConflict } from './conflictStory.ts';
import { namesFor } from './index.ts';
import { coldSide, longestChain, runStory } from './runStory.ts';
import { formatAmount } from './values.ts';

const E18 = 10n ** 18n;
const s = generatePreset('dex-rush', { txs: 40 }, 1);
const swaps = s.transactions.map((t, i) => ({ t, i })).filter(({ t }) => t.label === 'swap' && t.to === s.transactions[0]!.to);
const [w, r] = [swaps[0]!, swaps[1]!];
const pool = w.t.to!;
const reserve0 = slotKey(bare(pool), Pool.slots.reserve0.slice(2), 0);

describe('explainConflict', () => {
  it('says who wrote which key, who read it, the value read and the value it should have seen, and where in the source', () => {
    const names = namesFor(s);
    const x = explainConflict({ kind: 'validate-fail', tx: r.i, incarnation: 0, writer: w.i, key: reserve0, read: `0x${(1_000_000n * E18).toString(16)}`, expected: `0x${(1_000_003n * E18).toString(16)}`, committedIncarnation: 1 }, names);
    const alice = names.book.of(w.t.from!).name;
    const bob = names.book.of(r.t.from!).name;
    expect(x.headline).toBe(`Why tx ${r.i} ran again`);
    expect(x.key.text).toBe('Pool 0.reserve0');
    expect(x.sentences[0]).toMatch(new RegExp(`^tx ${w.i} \\(${alice}’s swap\\(\\) on Pool 0\\) wrote Pool 0\\.reserve0 \\(swap\\(\\) in Pool\\.sol, lines \\d+, \\d+\\)\\.$`));
    expect(x.sentences[1]).toContain(`tx ${r.i} (${bob}’s swap() on Pool 0) had read it before that write (swap() in Pool.sol, line `);
    expect(x.sentences[1]).toContain(': it read 1,000,000 ×10¹⁸ and should have seen 1,000,003 ×10¹⁸ (3 ×10¹⁸ more).');
    expect(x.sentences[2]).toBe(`Validation caught the stale read, so incarnation 0 of tx ${r.i} was thrown away; incarnation 1 committed.`);
    expect(x.quotes.map((q) => [q.role, q.file, q.text])).toContainEqual(['write', 'Pool.sol', 'reserve0 = rIn + amountIn;']);
  });

  it('finds the lines in the contract a call reaches when the key is not the called contract’s (a swap moving token balances)', () => {
    const names = namesFor(s);
    const token0 = `0x${BigInt(s.preState[pool]!.storage![Pool.slots.token0]!).toString(16).padStart(40, '0')}`;
    const balance = slotKey(bare(token0), Token.slots.balance(pool).slice(2), 0);
    const x = explainConflict({ kind: 'validate-fail', tx: r.i, incarnation: 0, writer: w.i, key: balance }, names);
    expect(x.key.text).toBe('Pool 0 token0.balances[Pool 0]');
    expect(new Set(x.quotes.map((q) => `${q.contract}.${q.fn} ${q.file}`))).toEqual(new Set(['Token.transferFrom() Token.sol', 'Token.transfer() Token.sol']));
    expect(x.sentences[1]).toMatch(/had read it before that write \(transfer(From)?\(\)( or transfer(From)?\(\))? in Token\.sol, lines? [\d, ]+\)\.$/);
  });

  it('shows only the account fields that changed, in ether', () => {
    const names = namesFor(s);
    const x = explainConflict({ kind: 'validate-fail', tx: r.i, incarnation: 0, writer: w.i, key: accountKey(bare(r.t.from!)), read: { nonce: '0x1', balance: `0x${(2n * E18).toString(16)}` }, expected: { nonce: '0x1', balance: `0x${(25n * E18 / 10n).toString(16)}` } }, names);
    expect(x.values).toEqual({ read: 'balance 2 ETH', expected: 'balance 2.5 ETH', change: '0.5 ETH more' });
  });

  it('explains a read of an estimate and a wait in words too', () => {
    const names = namesFor(s);
    const stop = explainConflict({ kind: 'exec-abort', tx: r.i, incarnation: 0, writer: w.i, key: reserve0 }, names);
    expect(stop.headline).toBe(`Why tx ${r.i} stopped`);
    expect(stop.sentences.join(' ')).toContain('marked as an estimate');
    const wait = explainConflict({ kind: 'blocked', tx: r.i, incarnation: 0, writer: w.i, key: reserve0 }, names);
    expect(wait.sentences[0]).toContain('it waited for that write before running on');
  });
});

describe('formatAmount', () => {
  it('groups small amounts and writes large ones in units of 10¹⁸, marking a rounded one', () => {
    expect(formatAmount(1234n)).toBe('1,234');
    expect(formatAmount(1_500_000n * E18)).toBe('1,500,000 ×10¹⁸');
    expect(formatAmount(E18 + 1n)).toBe('≈ 1 ×10¹⁸');
    expect(formatAmount(E18 / 4n, 4, 'ETH')).toBe('0.25 ETH');
  });
});

describe('runStory', () => {
  // Three transactions: 1 reads what 0 wrote (the pool's reserve), 2 is on its own.
  const events: TraceEvent[] = [
    { t: 1, worker: 0, tx: 0, incarnation: 0, kind: 'exec-end', reads: [], writes: [reserve0], gas: 100_000, status: 'success' },
    { t: 2, worker: 1, tx: 1, incarnation: 1, kind: 'exec-end', reads: [reserve0], writes: [reserve0], gas: 100_000, status: 'success' },
    { t: 3, worker: 1, tx: 2, incarnation: 0, kind: 'exec-end', reads: [], writes: [], gas: 50_000, status: 'success' },
    ...[0, 1, 2].map((tx): TraceEvent => ({ t: 4 + tx, worker: -1, tx, incarnation: tx === 1 ? 1 : 0, kind: 'commit', gas: 1 })),
  ];
  const analysis = analyseConflicts({ events, txCount: 3 });
  const result = {
    strategy: 'block-stm',
    workers: 2,
    txCount: 3,
    stats: { wallMs: 50, rootMs: 0, recoverMs: 0, executions: 4, hintExecutions: 0, reexecutions: 1, validations: 4, aborts: 1, abortsByKey: { [reserve0]: 1 }, workerBusyMs: [1, 1], workerRestarts: 0 },
  } as unknown as Result;

  it('names where the aborts came from and what bounds the speedup, in gas', () => {
    const story = runStory(result, analysis, namesFor(s), null);
    expect(story.aborts).toBe('1 abort, 1 re-execution. By key: Pool 0.reserve0 (1) — 100 % on the first, where transactions read what an earlier one, running at the same time, wrote.');
    expect(story.bound).toBe('The bound: at most 1.25× sequential, on any number of workers. The heaviest chain of dependent transactions, weighed in gas, holds 2 transactions and 80 % of the block’s gas, linked mostly through Pool 0.reserve0; each must wait for the one before, so no schedule finishes before that chain (bound = total gas ÷ chain gas).');
    expect(story.achieved).toContain('its ceiling is 1.25× sequential');
  });

  it('says when the heaviest chain is a single transaction while a longer, lighter chain exists', () => {
    const end = (tx: number, gas: number, reads: string[], writes: string[]): TraceEvent => ({ t: tx, worker: 0, tx, incarnation: 0, kind: 'exec-end', reads, writes, gas, status: 'success' });
    const chain: TraceEvent[] = [end(0, 900_000, [], []), end(1, 30_000, [], [reserve0]), end(2, 30_000, [reserve0], [reserve0]), end(3, 30_000, [reserve0], [])];
    const commits = [0, 1, 2, 3].map((tx): TraceEvent => ({ t: 10 + tx, worker: -1, tx, incarnation: 0, kind: 'commit', gas: 1 }));
    const story = runStory({ ...result, txCount: 4 } as Result, analyseConflicts({ events: [...chain, ...commits], txCount: 4 }), namesFor(s), null);
    expect(story.bound).toContain('is a single transaction with 91 % of the block’s gas (the longest chain by count, 3 transactions, carries less gas)');
  });

  it('measures the run against the ceiling once the sequential time is known', () => {
    const reference = { ...result, strategy: 'sequential', stats: { ...result.stats, wallMs: 55 } } as Result;
    expect(runStory(result, analysis, namesFor(s), reference).achieved).toBe('This run: a speedup of 1.10× over sequential on 2 workers (50 ms of wall-clock time against 55 ms), against a ceiling of 1.25× (the lower of the worker count and the bound): 88 % of it, with 4 executions for 3 transactions.');
  });

  it('says when one side of the speedup ran on cold workers, and which way that tilts it', () => {
    const reference = { ...result, strategy: 'sequential', stats: { ...result.stats, wallMs: 55 } } as Result;
    const cold = (r: Result): Result => ({ ...r, stats: { ...r.stats, coldWorkers: r.workers } });
    const achieved = (r: Result, ref: Result) => runStory(r, analysis, namesFor(s), ref).achieved;
    expect(achieved(cold(result), reference)).toContain('It ran on cold workers');
    expect(achieved(cold(result), reference)).toContain('so this understates it: run it again to compare fairly.');
    expect(achieved(result, cold(reference))).toContain('Sequential ran on cold workers');
    expect(achieved(result, cold(reference))).toContain('so this overstates it');
    // Both cold, or neither: nothing to say.
    expect(achieved(cold(result), cold(reference))).not.toContain('cold');
    expect(achieved(result, reference)).not.toContain('cold');
    expect(coldSide(cold(result), reference)).toBe('run');
    expect(coldSide(result, cold(reference))).toBe('reference');
  });
});

describe('longestChain', () => {
  it('counts transactions, not gas: a light chain of three is longer than a heavy single one', () => {
    const edges = [{ from: 0, to: 1, key: 'k' }, { from: 1, to: 2, key: 'k' }, { from: 0, to: 3, key: 'j' }];
    expect(longestChain({ edges, txCount: 5 })).toBe(3);
    expect(longestChain({ edges: [], txCount: 5 })).toBe(1);
  });
});
