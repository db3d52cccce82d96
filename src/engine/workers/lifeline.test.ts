/** `Lifeline`: a call's outcome unless the worker dies first, and nothing kept once a call is over. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { Lifeline } from './lifeline.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

describe('Lifeline', () => {
  it('settles with the work while alive: its value, or its error', async () => {
    const life = new Lifeline();
    await expect(life.race(async () => 7)).resolves.toBe(7);
    await expect(life.race(async () => Promise.reject(new Error('reverted')))).rejects.toThrow('reverted');
    await expect(life.race(() => { throw new Error('sync'); })).rejects.toThrow('sync');
  });

  it('rejects calls in flight and later calls with the first reason it ended for', async () => {
    const life = new Lifeline();
    const pending = life.race(() => new Promise<number>(() => {}));
    life.end(new Error('out of memory'));
    life.end(new Error('terminated'));
    expect(life.dead).toBe(true);
    await expect(pending).rejects.toThrow('out of memory');
    let ran = false;
    await expect(life.race(async () => (ran = true))).rejects.toThrow('out of memory');
    expect(ran).toBe(false);
  });

  it('keeps no result once its call is over', async () => {
    const life = new Lifeline();
    const refs: WeakRef<object>[] = [];
    for (let i = 0; i < 50; i++) {
      await life.race(async () => {
        const result = { reads: new Array(10_000).fill(i) };
        refs.push(new WeakRef(result));
        return result;
      });
    }
    await new Promise((r) => setTimeout(r, 0));
    gc();
    expect(refs.filter((r) => r.deref() !== undefined)).toHaveLength(0);
  });
});
