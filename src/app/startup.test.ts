import { describe, expect, it } from 'vitest';
import type { Result } from '../engine/result.ts';
import { defaultSetup } from './setup.ts';
import { startup } from './startup.ts';

const page = 'https://x.org/sub/';
const stored = { ...defaultSetup(2), strategy: 'dag' };
const last = { setup: stored, result: { stateRoot: '0x1' } as unknown as Result };

describe('what the page opens with', () => {
  it('the default on a first visit: two to four workers, never more than the machine has', () => {
    expect(startup(page, {}, undefined, 8).setup).toEqual(defaultSetup(4));
    expect(startup(page, {}, undefined, 2).setup).toEqual(defaultSetup(2));
    expect(startup(page, {}, undefined, 1)).toEqual({ setup: defaultSetup(1), notices: [] });
  });

  it('the stored setup and its last run when there is no link', () => {
    const s = startup(page, { setup: stored, last }, undefined, 4);
    expect(s.setup).toEqual(stored);
    expect(s.restore).toBe(last);
  });

  it('a link wins, filling what it leaves out from the stored setup; the last run only on the same scenario', () => {
    const s = startup(`${page}?workers=1`, { setup: stored, last }, undefined, 4);
    expect(s.setup).toEqual({ ...stored, workers: 1 });
    expect(s.restore).toBe(last);
    const other = startup(`${page}?preset=nft-mint`, { setup: stored, last }, undefined, 4);
    expect(other.setup.scenario).toMatchObject({ kind: 'preset', id: 'nft-mint' });
    expect(other.restore).toBeUndefined();
  });

  it('a broken link: its message, and the default instead (not the stored setup)', () => {
    const s = startup(`${page}?preset=dex-rush&seed=x`, { setup: stored }, undefined, 4);
    expect(s.setup).toEqual(defaultSetup(4));
    expect(s.notices).toEqual([{ id: 'link', kind: 'error', text: expect.stringContaining('seed: expected a whole number') }]);
  });

  it('a link with a parameter nobody reads keeps its setup and names the parameter', () => {
    const s = startup(`${page}?preset=dex-rush&tx=500&lesson=hotpool`, {}, undefined, 4);
    expect(s.setup.scenario).toMatchObject({ kind: 'preset', id: 'dex-rush', txs: 200 });
    expect(s.notices).toEqual([{ id: 'link-params', kind: 'warn', text: expect.stringMatching(/"tx" is not a parameter of this page \(did you mean "txs"\?\); lesson: unknown "hotpool" \(did you mean "hot-pool"\?/) }]);
  });

  it('a link asking for more workers than the machine has is told so', () => {
    const s = startup(`${page}?workers=16`, {}, 'storage was odd', 4);
    expect(s.setup.workers).toBe(4);
    expect(s.notices.map((n) => n.id)).toEqual(['storage', 'workers']);
  });
});
