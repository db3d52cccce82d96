import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { followPlayhead, labelInside } from './zoomFollow.ts';

const L = 100;
const R = 1100;
const px = (z: { k: number; x: number }, base: number) => z.k * base + z.x;

describe('followPlayhead', () => {
  it('leaves unzoomed lanes and a visible playhead alone', () => {
    expect(followPlayhead({ k: 1, x: 0 }, 5000, L, R)).toBeNull();
    expect(followPlayhead({ k: 4, x: -400 }, 200, L, R)).toBeNull(); // 4·200 − 400 = 400: in view
  });

  it('turns a page ahead when the playhead leaves on the right, and back when it leaves on the left', () => {
    const ahead = followPlayhead({ k: 4, x: -300 }, 400, L, R)!; // at 1300: past the right edge
    expect(px(ahead, 400)).toBeCloseTo(L + 0.1 * (R - L));
    const back = followPlayhead({ k: 4, x: -3000 }, 600, L, R)!; // at −600: before the left edge
    expect(px(back, 600)).toBeCloseTo(L + 0.9 * (R - L));
  });

  it('never moves the window past the run’s ends', () => {
    const end = followPlayhead({ k: 4, x: -300 }, R, L, R)!; // the last instant of the run
    expect(px(end, R)).toBeCloseTo(R);
    const start = followPlayhead({ k: 4, x: -3000 }, L, L, R)!;
    expect(px(start, L)).toBeCloseTo(L);
  });

  it('always brings a playhead inside the run back into view, within the translate extent', () => {
    fc.assert(
      fc.property(fc.double({ min: 1.01, max: 1000, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (k, pan, where) => {
        const x = L * (1 - k) + pan * (R - L) * (1 - k); // any pan inside the extent
        const base = L + where * (R - L);
        const z = followPlayhead({ k, x }, base, L, R) ?? { k, x };
        const at = px(z, base);
        expect(at).toBeGreaterThanOrEqual(L - 1e-6 * k * R);
        expect(at).toBeLessThanOrEqual(R + 1e-6 * k * R);
        expect(z.x).toBeLessThanOrEqual(L * (1 - k) + 1e-9);
        expect(z.x).toBeGreaterThanOrEqual(R * (1 - k) - 1e-9);
      }),
    );
  });
});

describe('labelInside', () => {
  it('keeps a centred label inside the chart', () => {
    expect(labelInside(500, 100, L, R)).toBe(500);
    expect(labelInside(-300, 100, L, R)).toBe(L + 50);
    expect(labelInside(1090, 100, L, R)).toBe(R - 50);
    expect(labelInside(5, 2000, L, R)).toBe((L + R) / 2);
  });
});
