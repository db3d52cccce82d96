/** What the hint pass (or a previous run) says a transaction touches: its route comes from it. */
import type { StateKey } from '../../evm/keys.ts';
import type { PolicyHost } from '../../runtime/policy.ts';
import type { TaskResult } from '../../workers/protocol.ts';
import type { TxAccesses } from '../history.ts';

/** What the hint pass learnt about one transaction. */
export interface Hint {
  reads: StateKey[];
  keys: StateKey[];
  /** Sender and recipient (unprefixed), known without executing anything. */
  declared: string[];
  gas: number;
}

/** An execution's read keys and absolute write keys (fee credits are deltas: never a route). */
export const keysOf = (r: TaskResult): { reads: StateKey[]; writes: StateKey[] } => {
  const o = r.outcome;
  if (o.kind === 'blocked') throw new Error('shards never marks ESTIMATE: a blocked execution is a bug');
  return { reads: o.reads.map(([k]) => k), writes: o.kind === 'done' ? o.writes.map(([k]) => k) : [] };
};

function declared(host: PolicyHost, tx: number): string[] {
  const to = host.scenario.transactions[tx].to;
  return [host.senders[tx].slice(2).toLowerCase(), ...(to ? [to.slice(2).toLowerCase()] : [])];
}

/** Hints from the hint pass's executions. */
export function hintsFromExecutions(executions: ReadonlyMap<number, TaskResult>, host: PolicyHost): Hint[] {
  return Array.from({ length: host.n }, (_, tx) => {
    const r = executions.get(tx)!;
    const { reads, writes } = keysOf(r);
    return { reads, keys: [...reads, ...writes], declared: declared(host, tx), gas: r.outcome.kind === 'done' ? Number(r.outcome.gasUsed) : 21_000 };
  });
}

/** Hints from a previous run of the same block (its committed access sets): no hint pass at all. A key that moved
 * since is caught like any wrong hint — by the misroute check and the commit-time validation. */
export function hintsFromHistory(accesses: TxAccesses[], host: PolicyHost): Hint[] {
  return accesses.map((a, tx) => ({ reads: a.reads, keys: [...a.reads, ...a.writes], declared: declared(host, tx), gas: a.gas }));
}
