import { describe, expect, it } from 'vitest';
import { decodeSetup, defaultSetup } from './setup.ts';
import { mergeSetupIntoUrl } from './shareUrl.ts';

describe('mergeSetupIntoUrl', () => {
  it('replaces the setup’s parameters and keeps the others', () => {
    const url = mergeSetupIntoUrl('https://x.org/sub/path/?lesson=2&strategy=dag&preset=nft-mint#theme=dark', defaultSetup(2));
    expect(url).toBe('https://x.org/sub/path/?preset=dex-rush&txs=200&seed=1&strategy=block-stm&workers=2&lesson=2#theme=dark');
    expect(decodeSetup(url)).toEqual({ ok: true, setup: defaultSetup(2) });
  });

  it('puts custom code in the hash and takes it out again', () => {
    const custom = mergeSetupIntoUrl('https://x.org/', { ...defaultSetup(2), scenario: { kind: 'custom', code: 'hello' } });
    expect(custom).toMatch(/^https:\/\/x\.org\/\?strategy=block-stm&workers=2#code=/);
    const d = decodeSetup(custom);
    expect(d.ok && d.setup.scenario).toEqual({ kind: 'custom', code: 'hello' });
    expect(mergeSetupIntoUrl(custom, defaultSetup(2))).not.toContain('#');
  });
});
