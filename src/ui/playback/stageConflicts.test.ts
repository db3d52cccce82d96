import { describe, expect, it } from 'vitest';
import { analyseConflicts } from '../../engine/analysis/conflicts.ts';
import { coinbaseKey, slotKey } from '../../engine/evm/keys.ts';
import type { Trace } from '../../engine/trace/events.ts';
import { bare } from '../../app/explain/addressBook.ts';
import { explainConflict } from '../../app/explain/conflictStory.ts';
import { namesFor } from '../../app/explain/index.ts';
import { Pool, Token } from '../../workloads/contracts/index.ts';
import { generatePreset } from '../../workloads/presets/index.ts';
import { selectorTable } from './inspect.ts';
import type { Conflict } from './model.ts';
import { explainSelected, functionName, runAnalysis, settledIncarnation } from './stageConflicts.ts';
import { indexTrace } from './traceIndex.ts';
import { rerunTrace } from './testEvents.ts';

/** tx 1 reads what tx 0 wrote, fails validation at 32 and commits its second run at 41; tx 2 is independent. */
const trace = rerunTrace;

describe('the stage’s conflict analysis', () => {
  it('waits for the end of a run: nothing while live, with no trace, or before the first commit', () => {
    const tr = trace();
    const ix = indexTrace(tr);
    expect(runAnalysis(tr, ix, true, null)).toBeNull();
    expect(runAnalysis(null, ix, false, null)).toBeNull();
    const early = { ...tr, events: tr.events.filter((e) => e.kind !== 'commit') };
    expect(runAnalysis(early, indexTrace(early), false, null)).toBeNull();
  });

  it('is the dependency graph of the finished run, with the scenario’s coinbase', () => {
    const tr = trace();
    const a = runAnalysis(tr, indexTrace(tr), false, null);
    expect(a).toEqual(analyseConflicts(tr));
    expect(a!.edges).toEqual([{ from: 0, to: 1, key: 'k' }]);
    expect(a!.criticalPath).toEqual([0, 1]);
    const s = generatePreset('dex-rush', { txs: 10 }, 1);
    const fee = coinbaseKey(s);
    const withFees: Trace = { ...tr, events: tr.events.map((e) => (e.kind === 'exec-end' && e.tx === 2 ? { ...e, reads: ['j', fee], writes: ['j', fee] } : e.kind === 'exec-end' && e.tx === 0 ? { ...e, writes: ['k', fee] } : e)) };
    const edges = (sc: typeof s | null) => runAnalysis(withFees, indexTrace(withFees), false, sc)!.edges;
    // The scenario's coinbase reaches the analysis (which treats that key as the fee recipient).
    expect(edges(null)).toEqual(analyseConflicts(withFees).edges);
    expect(edges(s)).toEqual(analyseConflicts(withFees, fee).edges);
  });

  it('settles a conflict once its reader commits, and not before', () => {
    const ix = indexTrace(trace());
    const c = ix.conflicts.find((x) => x.kind === 'validate-fail')!;
    expect(c).toMatchObject({ tx: 1, incarnation: 0, writer: 0, key: 'k' });
    expect(settledIncarnation(ix, c, 35)).toBe(-1);
    expect(settledIncarnation(ix, c, 41)).toBe(1);
    expect(settledIncarnation(ix, c, 1e9)).toBe(1);
    expect(settledIncarnation(ix, null, 1e9)).toBe(-1);
  });

  it('names functions from their selectors, without argument types', () => {
    const known = selectorTable({ Token: Token.abi });
    expect(functionName(known, '0xa9059cbb')).toBe('transfer');
    expect(functionName(known, '0xdeadbeef')).toBeUndefined();
  });

  it('explains the selected conflict in words, with what became of its reader', () => {
    const s = generatePreset('dex-rush', { txs: 40 }, 1);
    const swaps = s.transactions.map((t, i) => ({ t, i })).filter(({ t }) => t.label === 'swap' && t.to === s.transactions[0]!.to);
    const [w, r] = [swaps[0]!, swaps[1]!];
    const key = slotKey(bare(w.t.to!), Pool.slots.reserve0.slice(2), 0);
    const c: Conflict = { t: 10, kind: 'validate-fail', tx: r.i, incarnation: 0, writer: w.i, key } as Conflict;
    const names = namesFor(s);
    const known = selectorTable({ Pool: Pool.abi });
    expect(explainSelected(null, -1, names, known)).toBeNull();
    expect(explainSelected(c, -1, null, known)).toBeNull();
    const pending = explainSelected(c, -1, names, known)!;
    const settled = explainSelected(c, 1, names, known)!;
    expect(settled.headline).toBe(`Why tx ${r.i} ran again`);
    expect(settled.key.text).toBe('Pool 0.reserve0');
    expect(settled).toEqual(explainConflict({ ...c, committedIncarnation: 1 }, names));
    expect(pending).toEqual(explainConflict(c, names));
    expect(settled).not.toEqual(pending);
  });
});
