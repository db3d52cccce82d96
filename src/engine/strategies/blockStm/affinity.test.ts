/** Worker affinity: a task follows its predicted predecessor, and an abort recalls only the chain behind it. */
import { describe, expect, it } from 'vitest';
import { Affinity } from './affinity.ts';
import type { TxStatus } from './scheduler.ts';

const task = (tx: number) => ({ tx, incarnation: 0 });

describe('Affinity', () => {
  // Senders: 0, 1 and 4 are A's (a nonce chain), 2 and 3 are B's; 5 is C's alone.
  const senders = ['A', 'A', 'B', 'B', 'A', 'C'];
  const setup = () => {
    const a = new Affinity(senders.map(() => null), senders, 2);
    const status: TxStatus[] = senders.map(() => 'executing');
    a.dispatched(0, 0);
    a.dispatched(2, 1);
    expect(a.place(task(1), 1, status, 0)).toBe(0); // behind 0, on 0's worker
    expect(a.place(task(3), 0, status, 0)).toBe(1); // behind 2, on 2's worker
    expect(a.place(task(4), 1, status, 0)).toBe(0); // behind 1, which is queued on worker 0
    expect(a.place(task(5), 1, status, 0)).toBe(1); // no predecessor: where it was asked for
    return { a, status };
  };

  it('queues a task behind its predecessor on that worker', () => {
    const { a } = setup();
    expect(a.queues[0].map((t) => t.tx)).toEqual([1, 4]);
    expect(a.queues[1].map((t) => t.tx)).toEqual([3]);
  });

  it('an abort recalls the chain behind it, link by link, and leaves unrelated queues alone', () => {
    const { a, status } = setup();
    status[0] = 'aborting';
    expect(a.aborted(0, status).map((t) => t.tx).sort()).toEqual([1, 4]);
    expect(a.queues[0]).toEqual([]);
    expect(a.queues[1].map((t) => t.tx)).toEqual([3]); // behind 2, which did not abort
  });

  it('a task waits for a predecessor that is not anchored, and is released to its worker when it is dispatched', () => {
    const a = new Affinity([null, null], ['A', 'A'], 2);
    const status: TxStatus[] = ['ready', 'executing'];
    expect(a.place(task(1), 0, status, 0)).toBe(-1);
    a.dispatched(0, 1);
    expect(a.queues[1].map((t) => t.tx)).toEqual([1]);
  });
});
