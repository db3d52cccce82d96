/** The Scale lab charts' shared geometry: axes, ticks, labels and paths. */
import { describe, expect, it } from 'vitest';
import { MARGIN, PAD, countScale, decadeTicks, linePath, rateScale, sameSpot, spreadLabels, tickText } from './logChart.ts';

describe('the Scale lab charts’ geometry', () => {
  it('countScale puts 1 after the axis padding and the largest count at the right margin, on a log2 axis', () => {
    const x = countScale([1, 2, 4, 8, 16, 32, 64], 800);
    expect(x(1)).toBe(MARGIN.left + PAD);
    expect(x(64)).toBe(800 - MARGIN.right);
    expect(x(8) - x(4)).toBeCloseTo(x(4) - x(2), 9);
    expect(countScale([1, 64], 800, 200)(64)).toBe(600);
  });

  it('rateScale spans every positive finite value with room to spare, and ignores the rest', () => {
    const y = rateScale([1000, 250_000, 0, Infinity], 400);
    const [lo, hi] = y.domain() as [number, number];
    expect(lo).toBeLessThanOrEqual(1000 / 3);
    expect(hi).toBeGreaterThanOrEqual(250_000 * 1.6);
    expect(y(hi)).toBe(MARGIN.top);
    expect(y(lo)).toBe(400 - MARGIN.bottom);
  });

  it('decadeTicks labels each power of ten, and 2× and 5× over a short range', () => {
    expect(decadeTicks(100, 1e6)).toEqual([100, 1000, 1e4, 1e5, 1e6]);
    expect(decadeTicks(1000, 20_000)).toEqual([1000, 2000, 5000, 10_000, 20_000]);
  });

  it('tickText writes k, M and G', () => {
    expect([0.5, 1000, 2500, 2e6, 3e9].map(tickText)).toEqual(['0.5', '1k', '2.5k', '2M', '3G']);
  });

  it('spreadLabels sorts labels top to bottom and pushes each clear of the one above', () => {
    expect(spreadLabels([{ id: 'b', y: 105 }, { id: 'a', y: 100 }, { id: 'c', y: 200 }]).map((l) => [l.id, l.y])).toEqual([['a', 100], ['b', 113], ['c', 200]]);
  });

  it('linePath draws through the points in order', () => {
    expect(linePath([[1, 2], [3.25, 4]])).toBe('M1.0,2.0L3.3,4.0');
  });

  it('sameSpot names the other lines whose point covers a point, and nothing for points alone or on one line', () => {
    const spots = sameSpot([
      { key: 'a32', line: 'block-stm', x: 418.6, y: 270.1 },
      { key: 's32', line: 'shards-graph', x: 418.6, y: 270.5 }, // 160 against 158 tx/s: the same spot
      { key: 'd32', line: 'dag', x: 418.6, y: 300 },
      { key: 'a16', line: 'block-stm', x: 418.6, y: 272 }, // the same line: not an overlap
    ]);
    expect(spots.get('a32')).toEqual(['shards-graph']);
    expect(spots.get('s32')).toEqual(['block-stm']); // once, though two of its points are near
    expect(spots.has('d32')).toBe(false);
  });
});
