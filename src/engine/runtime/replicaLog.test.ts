import { describe, expect, it } from 'vitest';
import type { StateKey } from '../evm/keys.ts';
import type { Scenario } from '../scenario/types.ts';
import { BaseState } from '../state/baseState.ts';
import { CommittedState } from '../state/committedState.ts';
import type { MemoryUpdate } from '../workers/protocol.ts';
import { EngineFailure } from './errors.ts';
import { ReplicaLog } from './replicaLog.ts';

const scenario: Scenario = {
  version: 1,
  name: 't',
  chain: { chainId: 1, hardfork: 'cancun' },
  block: { number: '0x1', timestamp: '0x1', coinbase: `0x${'cb'.repeat(20)}`, gasLimit: '0x1000000', baseFeePerGas: '0x7', blockHashes: {} },
  preState: {},
  transactions: [],
};
const key = (tx: number): StateKey => `s${'aa'.repeat(20)}${tx.toString(16).padStart(64, '0')}`;
const writes = (tx: number, incarnation = 0): MemoryUpdate & { kind: 'writes' } => ({ kind: 'writes', tx, incarnation, writes: [[key(tx), BigInt(tx + 1)]], deltas: [], codes: [] });
const task = (tx: number) => [{ tx, incarnation: 0 }];

/** A log following commits of `n` transactions, the first `committed` of them committed (their writes applied). */
function following(workers: number) {
  const log = new ReplicaLog(workers);
  const commits = { next: 0, state: new CommittedState(new BaseState(scenario)) };
  log.follow(commits);
  const commit = (tx: number) => {
    commits.state.apply(writes(tx));
    commits.next = tx + 1;
  };
  return { log, commits, commit };
}

describe('ReplicaLog', () => {
  it('tells each batch the commit point, never above the batch’s own transactions', () => {
    const { log, commit } = following(1);
    for (let tx = 0; tx < 5; tx++) log.publish(writes(tx));
    for (let tx = 0; tx < 3; tx++) commit(tx);
    expect(log.feed(0, 0, task(4)).foldBelow).toBe(3);
    expect(log.feed(0, 0, task(1)).foldBelow).toBe(1);
  });

  it('starts a replacement from the committed state, then the records of transactions not committed yet', () => {
    const { log, commit } = following(2);
    for (let tx = 0; tx < 3000; tx++) {
      log.publish(writes(tx));
      if (tx % 2 === 0) log.publish({ kind: 'estimate', tx, incarnation: 0 });
      if (tx >= 10) commit(tx - 10);
      if (tx % 100 === 0) for (const w of [0, 1]) log.feed(w, 0, task(tx)); // both workers keep up: entries are let go
    }
    expect(log.held).toBeLessThan(1100); // of 4,500 published
    log.reset(1);
    const feed = log.feed(1, 1, task(2995));
    expect(feed.seed?.below).toBe(2990);
    expect(feed.seed?.values).toHaveLength(2990);
    expect(new Set(feed.updates.map((u) => u.tx))).toEqual(new Set(Array.from({ length: 10 }, (_, i) => 2990 + i)));
    // Its next batch gets only what is new.
    log.publish(writes(3000));
    expect(log.feed(1, 1, task(3000)).updates).toEqual([writes(3000)]);
  });

  it('does not send a worker its own results back, and sends them to its replacement', () => {
    const { log } = following(2);
    log.publish(writes(0), undefined, { worker: 0, generation: 0 });
    expect(log.feed(0, 0, task(1)).updates).toEqual([]);
    log.reset(0);
    expect(log.feed(0, 1, task(1)).updates).toEqual([writes(0)]);
  });

  it('refuses a record of a transaction published after a worker folded it', () => {
    const { log, commit } = following(1);
    log.publish(writes(0));
    commit(0);
    log.feed(0, 0, task(1));
    expect(() => log.publish(writes(0, 1))).toThrow(EngineFailure);
  });

  it('without following the commits (late records), a replacement is sent every entry again', () => {
    const log = new ReplicaLog(1);
    for (let tx = 0; tx < 3000; tx++) log.publish(writes(tx));
    expect(log.feed(0, 0, task(3000))).toEqual({ updates: Array.from({ length: 3000 }, (_, tx) => writes(tx)) });
    log.reset(0);
    expect(log.feed(0, 1, task(3000)).updates).toHaveLength(3000);
    log.publish(writes(0, 1)); // late: allowed
  });
});
