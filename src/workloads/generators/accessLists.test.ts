/**
 * Access lists against what the engine saw: each transaction's storage keys from the trace's `exec-end` reads and
 * writes (sequential run, one worker) compared with what the generator declared.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { keyKind, parseSlotKey } from '../../engine/evm/keys.ts';
import { runScenario } from '../../engine/run.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import { createNodePool } from '../../engine/workers/nodePool.ts';
import { KIND_IDS, generate } from './index.ts';

const pool = createNodePool(1);
afterAll(() => pool.dispose());

const KNOBS = { txs: 150, mix: Object.fromEntries(KIND_IDS.map((k) => [k, 1])), skew: 1, hotSpot: 0.2, accounts: 40, tokens: 2, pools: 2, proposals: 3, noncesPerSender: 3 };

/** `address:slot` of every storage key each transaction read or wrote, and of every key it declared. */
async function touchedAndDeclared(s: Scenario): Promise<{ label: string; touched: Set<string>; declared: Set<string> }[]> {
  const { result, trace } = await runScenario(s, { strategy: 'sequential', workers: 1, senders: 'trust' }, pool);
  expect(result.receipts.every((r) => r.status === 1)).toBe(true);
  const out = s.transactions.map((t) => ({
    label: t.label!,
    touched: new Set<string>(),
    declared: new Set((t.accessList ?? []).flatMap((item) => item.storageKeys.map((k) => `${item.address}:${k}`))),
  }));
  for (const e of trace.events) {
    if (e.kind !== 'exec-end') continue;
    for (const key of [...e.reads, ...e.writes]) {
      if (keyKind(key) !== 'slot') continue;
      const { addr, slot } = parseSlotKey(key);
      out[e.tx]!.touched.add(`0x${addr}:0x${slot}`);
    }
  }
  return out.filter((t) => !t.label.startsWith('setup:'));
}

describe('access lists', () => {
  it.each(['prestate', 'transactions'])('exact: declare exactly the storage keys the engine reads and writes, every kind, deployed as %s', async (deploy) => {
    const txs = await touchedAndDeclared(generate({ ...KNOBS, deploy, accessLists: 'exact' }, 3));
    expect(txs).toHaveLength(KNOBS.txs);
    for (const [i, t] of txs.entries()) expect({ i, label: t.label, keys: [...t.declared].sort() }).toEqual({ i, label: t.label, keys: [...t.touched].sort() });
    expect(new Set(txs.map((t) => t.label)).size).toBe(KIND_IDS.length); // every kind was checked
  });

  it('partial: declare only keys the engine touches, about half of them', async () => {
    const txs = await touchedAndDeclared(generate({ ...KNOBS, accessLists: 'partial' }, 3));
    let declared = 0;
    let touched = 0;
    for (const t of txs) {
      for (const k of t.declared) expect(t.touched.has(k), `${t.label} declares ${k}`).toBe(true);
      declared += t.declared.size;
      touched += t.touched.size;
    }
    expect(declared / touched).toBeGreaterThan(0.4);
    expect(declared / touched).toBeLessThan(0.6);
  });

  it('none: leave the field out', () => {
    expect(generate({ ...KNOBS, accessLists: 'none' }, 3).transactions.some((t) => 'accessList' in t)).toBe(false);
  });
});
