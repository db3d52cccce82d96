import { describe, expect, it } from 'vitest';
import { formFrom, knobFields, readForm } from './knobForm.ts';

describe('the preset form', () => {
  it('shows the preset’s own knobs with its values, plus skew and hotSpot', () => {
    const fields = knobFields('dex-rush');
    expect(fields.map((f) => f.name)).toEqual(['pools', 'hotSpot', 'skew']);
    expect(fields.find((f) => f.name === 'hotSpot')?.presetValue).toBe('0.9');
    expect(fields[0]?.help).toMatch(/AMM pools/);
  });

  it('reads valid fields into a setup, empty knobs meaning the preset’s value', () => {
    const r = readForm({ presetId: 'dex-rush', txs: '300', seed: '7', knobs: { pools: '8', hotSpot: '' } });
    expect(r).toEqual({ ok: true, scenario: { kind: 'preset', id: 'dex-rush', txs: 300, seed: 7, knobs: { pools: 8 } } });
    if (r.ok) expect(readForm(formFrom(r.scenario))).toEqual(r);
  });

  it('gives every bad field its own message', () => {
    const r = readForm({ presetId: 'dex-rush', txs: 'lots', seed: '-1', knobs: { pools: '0', hotSpot: '2', skew: 'x' } });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors.txs).toBe('expected a whole number from 10 to 100000, got "lots"');
      expect(r.errors.seed).toMatch(/^expected a whole number from 0 to 4294967295/);
      expect(r.errors.pools).toBe('expected a whole number from 1 to 1000, got 0');
      expect(r.errors.hotSpot).toBe('expected a number from 0 to 1, got 2');
      expect(r.errors.skew).toBe('expected a number ≥ 0, got "x"');
    }
  });

  it('puts a bad combination on the field that carries it', () => {
    const r = readForm({ presetId: 'dex-rush', txs: '100', seed: '1', knobs: { txType: '0', accessLists: 'exact' } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.accessLists).toMatch(/type-0 transactions carry no access list/);
  });
});
