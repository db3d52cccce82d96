import { describe, expect, it } from 'vitest';
import type { Result } from '../engine/result.ts';
import { LAST_RUN_KEY, MAX_STORED_EVENTS, STORAGE_KEY, readStored, writeSetup, writeStored } from './persist.ts';
import { decodeSetup, defaultSetup, encodeSetup } from './setup.ts';

class MemoryStorage {
  map = new Map<string, string>();
  quota = Infinity;
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, value: string) {
    if (value.length > this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.map.set(k, value);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const result = { strategy: 'block-stm', workers: 2, txCount: 3, stateRoot: '0x1', receiptsRoot: '0x2' } as unknown as Result;
const trace = { strategy: 'block-stm', workers: 2, txCount: 3, events: [{ t: 0, kind: 'run-start', worker: -1, tx: -1, incarnation: 0 }] };

describe('persistence', () => {
  it('round-trips the setup and the last run', () => {
    const s = new MemoryStorage();
    const setup = { ...defaultSetup(3), strategy: 'dag' };
    expect(writeStored(s, { setup, last: { setup, result, trace: trace as never } })).toBeUndefined();
    const { stored, notice } = readStored(s);
    expect(notice).toBeUndefined();
    expect(stored.setup).toEqual(setup);
    expect(stored.last?.result.stateRoot).toBe('0x1');
    expect(stored.last?.trace?.events).toHaveLength(1);
  });

  it('keeps a setup that names an opened file (the file itself lives in IndexedDB: app/open/store.ts), and its link names none', () => {
    const s = new MemoryStorage();
    const setup = { ...defaultSetup(2), scenario: { kind: 'file' as const, id: '0a1b2c3d-4e5' } };
    expect(writeSetup(s, setup)).toBeUndefined();
    expect(readStored(s)).toEqual({ stored: { setup } });
    expect(encodeSetup(setup)).toBe('?strategy=block-stm&workers=2');
    // A link without a scenario keeps the stored file, as a reload does.
    const decoded = decodeSetup('?strategy=dag&workers=1', setup);
    expect(decoded.ok && decoded.setup.scenario).toEqual(setup.scenario);
  });

  it.each([
    ['{nope', 'not valid JSON'],
    ['[]', 'not in the expected shape'],
    ['{"version":99}', 'another version (99)'],
    ['{"version":1,"setup":{"strategy":"x"}}', 'not valid any more'],
    ['{"version":1,"setup":{"__proto__":{"polluted":1}}}', 'not valid any more'],
  ])('ignores %s with a notice and clears it', (text, why) => {
    const s = new MemoryStorage();
    s.map.set(STORAGE_KEY, text);
    const { stored, notice } = readStored(s);
    expect(stored).toEqual({});
    expect(notice).toContain(why);
    expect(s.map.has(STORAGE_KEY)).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops a damaged last run but keeps the setup', () => {
    const s = new MemoryStorage();
    s.map.set(STORAGE_KEY, JSON.stringify({ version: 1, setup: defaultSetup() }));
    s.map.set(LAST_RUN_KEY, JSON.stringify({ version: 1, last: { setup: defaultSetup(), result: { strategy: 1 } } }));
    const { stored, notice } = readStored(s);
    expect(notice).toBeUndefined();
    expect(stored.setup).toEqual(defaultSetup());
    expect(stored.last).toBeUndefined();
    expect(s.map.has(LAST_RUN_KEY)).toBe(false);
  });

  it('saving the setup leaves the stored last run alone', () => {
    const s = new MemoryStorage();
    writeStored(s, { setup: defaultSetup(), last: { setup: defaultSetup(), result, trace: trace as never } });
    const before = s.map.get(LAST_RUN_KEY);
    writeSetup(s, { ...defaultSetup(), strategy: 'dag' });
    expect(s.map.get(LAST_RUN_KEY)).toBe(before);
    expect(readStored(s).stored.setup?.strategy).toBe('dag');
  });

  it('leaves out a big trace, and the trace altogether when the quota is hit', () => {
    const s = new MemoryStorage();
    const big = { ...trace, events: Array.from({ length: MAX_STORED_EVENTS + 1 }, (_, i) => ({ t: i, kind: 'exec-start', worker: 0, tx: i, incarnation: 0 })) };
    writeStored(s, { setup: defaultSetup(), last: { setup: defaultSetup(), result, trace: big as never } });
    expect(readStored(s).stored.last?.trace).toBeUndefined();
    expect(readStored(s).stored.last?.result.stateRoot).toBe('0x1');
    s.quota = 700;
    expect(writeStored(s, { setup: defaultSetup(), last: { setup: defaultSetup(), result, trace: { ...trace, events: Array(20).fill(trace.events[0]) } as never } })).toBeUndefined();
    expect(readStored(s).stored.last?.trace).toBeUndefined();
    s.quota = 10;
    expect(writeStored(s, { setup: defaultSetup() })).toContain('refused to save your setup');
  });

  it('survives a browser that forbids storage', () => {
    const hostile = { getItem: () => { throw new Error('denied'); }, setItem: () => {}, removeItem: () => {} };
    expect(readStored(hostile).notice).toContain('does not let the page use local storage');
    expect(readStored(undefined)).toEqual({ stored: {} });
  });
});
