import { describe, expect, it } from 'vitest';
import { analyseConflicts } from '../../engine/analysis/conflicts.ts';
import { Token } from '../../workloads/contracts/index.ts';
import { metricsCsv, metricsSeries } from './csv.ts';
import { layoutDag } from './dagLayout.ts';
import { conflictFacts, conflictOfAttempt, keyAccesses, selectorTable, txDetails } from './inspect.ts';
import { conflictArrows, laneRows } from './lanes.ts';
import { COLUMNS, queueLayout, tokenSize } from './queue.ts';
import { indexTrace } from './traceIndex.ts';
import { rerunTraceWithWait } from './testEvents.ts';

/** tx 1 reads what tx 0 wrote and is re-run; tx 2 is independent; tx 3 (dag-style) waits on tx 1 before running. */
const trace = rerunTraceWithWait;

describe('lanes geometry', () => {
  it('has a scheduler row, a row per worker and a waiting row when something waited', () => {
    expect(laneRows(indexTrace(trace())).map((r) => r.label)).toEqual(['scheduler', 'worker 0', 'worker 1', 'waiting']);
  });

  it('draws an arrow from the end of the writer’s execution to the end of the one it invalidated', () => {
    const ix = indexTrace(trace());
    const rows = laneRows(ix);
    const arrows = conflictArrows(ix, rows, 100, 0, 100);
    // The wait of tx 3 (on tx 1, before either ran) is shown on the waiting row, not as an arrow.
    expect(arrows.map((a) => [a.conflict.kind, a.t1, a.row1, a.t2, a.row2])).toEqual([['validate-fail', 30, 1, 28, 2]]);
    expect(conflictArrows(ix, rows, 31, 0, 100)).toEqual([]);
  });
});

describe('scheduler queue', () => {
  it('puts each transaction in the column of its phase at the time', () => {
    const ix = indexTrace(trace());
    const at = (t: number) => queueLayout(ix, t, 100, 100).counts;
    expect(COLUMNS.map((c) => c.id)).toEqual(['waiting', 'blocked', 'executing', 'validating', 'committed']);
    expect(at(25)).toEqual([1, 1, 2, 0, 0]);
    expect(at(32)).toEqual([2, 1, 0, 0, 1]); // tx 1 aborted: back to waiting, with tx 2
    expect(at(100)).toEqual([0, 0, 0, 0, 4]);
    expect(queueLayout(ix, 100, 100, 100).look[1]).toBe(6); // committed after re-execution
  });

  it('picks the largest token size that fits every transaction in one column', () => {
    expect(tokenSize(10, 100, 100)).toBe(14);
    expect(tokenSize(5000, 200, 180)).toBe(2);
    const s = tokenSize(1000, 200, 180);
    expect(Math.floor(200 / s) * Math.floor(180 / s)).toBeGreaterThanOrEqual(1000);
  });
});

describe('dependency graph layout', () => {
  it('layers nodes by their longest dependency chain and marks the critical path', () => {
    const a = analyseConflicts(trace());
    const lay = layoutDag(a);
    expect(lay.nodes.map((n) => [n.tx, n.layer, n.critical])).toEqual([[0, 0, true], [1, 1, true], [3, 2, true]]);
    expect(lay.isolated).toBe(1);
    expect(lay.edges.every((e) => e.critical)).toBe(true);
  });

  it('caps the nodes drawn and counts the ones left out', () => {
    const edges = Array.from({ length: 500 }, (_, i) => ({ from: i, to: i + 1, key: 'k' }));
    const lay = layoutDag({ edges, criticalPath: [], txCount: 501 }, 300);
    expect(lay.nodes).toHaveLength(300);
    expect(lay.omitted).toBe(201);
  });
});

describe('inspector data', () => {
  it('names a function from its selector with the known ABIs, and keeps unknown ones raw', () => {
    const table = selectorTable({ Token: Token.abi });
    expect(table.get('0xa9059cbb')).toEqual({ contract: 'Token', signature: 'transfer(address,uint256)' });
    expect(selectorTable({ Bad: [{ type: 'function' }, null, 'x'] as unknown[] }).size).toBe(0);
  });

  it('lists a transaction’s executions and conflicts, and every access to a key', () => {
    const ix = indexTrace(trace());
    const d = txDetails(ix, 1, 100, null, null, new Map());
    expect(d.attempts.map((a) => [a.incarnation, a.outcome, a.reads])).toEqual([[0, 'aborted', ['k']], [1, 'committed', ['k']]]);
    expect(d.conflicts.map(({ conflict: _, ...c }) => c)).toEqual([
      { t: 10, kind: 'blocked', role: 'of', other: 3, key: 'k' },
      { t: 32, kind: 'validate-fail', role: 'by', other: 0, key: 'k' },
    ]);
    expect(d.conflicts[1]!.conflict).toBe(ix.conflicts.find((c) => c.kind === 'validate-fail'));
    // What ended attempt 0, and what became of the transaction afterwards, as the explanation needs it.
    expect(conflictOfAttempt(ix, 1, 0)?.kind).toBe('validate-fail');
    expect(conflictFacts(ix, conflictOfAttempt(ix, 1, 0)!, 100)).toMatchObject({ tx: 1, incarnation: 0, writer: 0, committedIncarnation: 1 });
    expect(keyAccesses(ix, 'k').map((a) => [a.tx, a.incarnation, a.write])).toEqual([[1, 0, true], [0, 0, true], [1, 1, true], [3, 0, false]]);
  });
});

describe('metrics CSV', () => {
  it('has a header and one row per sample, ending with the final figures', () => {
    const ix = indexTrace(trace());
    const csv = metricsCsv(metricsSeries(ix, 4)).trim().split('\n');
    expect(csv[0]).toBe('ms_since_start,committed,executions,reexecutions,validations,aborts,undeclared,gas,tx_per_s,gas_per_s,busy_share_w0,busy_share_w1');
    expect(csv).toHaveLength(6);
    expect(csv[5].split(',').slice(1, 8)).toEqual(['4', '5', '1', '1', '1', '0', '26']);
  });
});
