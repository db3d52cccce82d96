/** The hint pass: every transaction once, in parallel, against the pre-state; its read and write sets are its route. */
import type { StateKey } from '../../evm/keys.ts';
import type { Hex } from '../../scenario/types.ts';
import type { TaskResult } from '../../workers/protocol.ts';
import type { TxAccesses } from '../history.ts';
import type { RunContext } from '../types.ts';
import type { ShardReplicas } from './replicas.ts';

/** What the hint pass learnt about one transaction. */
export interface Hint {
  reads: StateKey[];
  keys: StateKey[];
  /** Sender and recipient (unprefixed), known without executing anything. */
  declared: string[];
  gas: number;
}

export const keysOf = (r: TaskResult): { reads: StateKey[]; writes: StateKey[] } => {
  const o = r.outcome;
  if (o.kind === 'blocked') throw new Error('shards never marks ESTIMATE: a blocked execution is a bug');
  return { reads: o.reads.map(([k]) => k), writes: o.kind === 'done' ? o.writes.map(([k]) => k) : [] };
};

export async function hintPass(
  ctx: RunContext,
  replicas: ShardReplicas,
  senders: Hex[],
  batch: number,
  onExecution: (r: TaskResult) => void,
): Promise<Hint[]> {
  const { scenario, recorder, workers } = ctx;
  const n = scenario.transactions.length;
  const hints = new Array<Hint>(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async (_, w) => {
      while (next < n) {
        const tasks = Array.from({ length: Math.min(batch, n - next) }, (_, k) => ({ tx: next + k, incarnation: 0 }));
        next += tasks.length;
        for (const r of await replicas.execute(w, tasks, true)) {
          onExecution(r);
          const { reads, writes } = keysOf(r);
          const o = r.outcome;
          const to = scenario.transactions[r.tx].to;
          hints[r.tx] = {
            reads,
            keys: [...reads, ...writes],
            declared: [senders[r.tx].slice(2).toLowerCase(), ...(to ? [to.slice(2).toLowerCase()] : [])],
            gas: o.kind === 'done' ? Number(o.gasUsed) : 21_000,
          };
        }
        recorder.flush();
      }
    }),
  );
  return hints;
}

/** Hints from a previous run of the same block (its committed access sets): no hint pass at all. A key that moved
 * since is caught like any wrong hint — by the misroute check and the commit-time validation. */
export function hintsFromHistory(accesses: TxAccesses[], ctx: RunContext, senders: Hex[]): Hint[] {
  return accesses.map((a, tx) => {
    const to = ctx.scenario.transactions[tx].to;
    return {
      reads: a.reads,
      keys: [...a.reads, ...a.writes],
      declared: [senders[tx].slice(2).toLowerCase(), ...(to ? [to.slice(2).toLowerCase()] : [])],
      gas: a.gas,
    };
  });
}
