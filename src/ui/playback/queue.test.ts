import { describe, expect, it } from 'vitest';
import { TOKEN_LOOKS, type QueueLayout, lookCounts, tokenRuns } from './queue.ts';

/** Tokens of size 2 in columns 10 px wide, given as [column, x within it, y, look]. */
function layout(tokens: [number, number, number, number][]): QueueLayout {
  const n = tokens.length;
  const lay: QueueLayout = { size: 2, counts: [], x: new Float32Array(n), y: new Float32Array(n), look: new Uint8Array(n), worker: new Int16Array(n), signature: 0 };
  tokens.forEach(([col, x, y, look], i) => {
    lay.x[i] = col * 10 + x;
    lay.y[i] = y;
    lay.look[i] = look;
  });
  return lay;
}

describe('queue token runs', () => {
  it('merges neighbours of one look in one row of one column, even when other columns interleave', () => {
    const runs = tokenRuns(layout([[4, 4, 0, 5], [0, 4, 0, 0], [4, 6, 0, 5], [4, 8, 0, 6], [0, 6, 0, 0], [4, 4, 2, 5]]), 10);
    expect(runs[5]).toEqual([44, 0, 4, 44, 2, 2]);
    expect(runs[6]).toEqual([48, 0, 2]);
    expect(runs[0]).toEqual([4, 0, 4]);
    expect(runs.length).toBe(TOKEN_LOOKS.length);
  });

  it('draws every token exactly once: the runs cover as much width as the tokens', () => {
    const tokens: [number, number, number, number][] = [];
    for (let i = 0; i < 500; i++) tokens.push([i % 5, 4 + ((i >> 3) % 3) * 2, Math.floor(i / 24) * 2, (i * 7) % 7]);
    const runs = tokenRuns(layout(tokens), 10);
    const width = runs.flatMap((r) => r.filter((_, k) => k % 3 === 2)).reduce((a, b) => a + b, 0);
    expect(width).toBe(500 * 2);
  });
});

describe('queue look counts', () => {
  it('counts tokens per look by name', () => {
    const lay: QueueLayout = { size: 2, counts: [], x: new Float32Array(3), y: new Float32Array(3), look: Uint8Array.from([5, 6, 5]), worker: new Int16Array(3), signature: 0 };
    expect(lookCounts(lay)).toMatchObject({ committed: 2, reexecuted: 1, pending: 0 });
  });
});
