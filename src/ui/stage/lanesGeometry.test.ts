import { describe, expect, it } from 'vitest';
import { lanesGeometry } from './lanesGeometry.ts';

describe('lanes geometry', () => {
  it('keeps the compact desk sizes outside presentation mode', () => {
    expect(lanesGeometry(3, false, 1920, 1080)).toMatchObject({ rowH: 30, labelPx: 12, left: 84 });
    expect(lanesGeometry(20, false, 1920, 1080).rowH).toBe(16);
  });

  it('in presentation mode fills about 40 % of the window with the rows and grows the labels with its width', () => {
    const big = lanesGeometry(3, true, 1920, 1080);
    expect(big.labelPx).toBe(24);
    expect(big.rowH * 3).toBeGreaterThanOrEqual(0.38 * 1080);
    expect(big.rowH * 3).toBeLessThanOrEqual(0.42 * 1080);
    const small = lanesGeometry(3, true, 1280, 720);
    expect(small.labelPx).toBe(20);
    expect(small.left).toBeGreaterThan(84);
  });

  it('never makes a row thinner than its label, however many rows', () => {
    const g = lanesGeometry(40, true, 1280, 720);
    expect(g.rowH).toBeGreaterThanOrEqual(g.labelPx + 8);
  });
});
