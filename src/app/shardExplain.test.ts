/** The Scale lab's reading of a sharding sweep, on the figures of
 * `scale --p2p 5000 --accounts 20000 --communities 64 --cross-shard 0.05 --strategies shards,shards-graph`. */
import { describe, expect, it } from 'vitest';
import type { ScaleRow, ShardSweep } from './coordinator/scaleProtocol.ts';
import { explainShards, shardLinesOf } from './shardExplain.ts';

const SHARDS = [1, 2, 4, 8, 16, 32, 64];
/** tx/s by strategy and latency, one figure per shard count; the share that crossed shards by strategy. */
const TPS: Record<string, Record<number, number[]>> = {
  shards: {
    0: [4938, 6947, 9804, 15204, 25258, 43281, 79156],
    250: [4093, 1881, 2148, 3128, 5048, 8583, 15915],
    1000: [2705, 590, 643, 925, 1485, 2521, 4685],
  },
  'shards-graph': {
    0: [4938, 9576, 18722, 36988, 72423, 135378, 244391],
    250: [4093, 7478, 13590, 25457, 47859, 84327, 153272],
    1000: [2705, 4512, 7354, 12785, 22728, 38879, 68584],
  },
};
const CROSSED: Record<string, number[]> = { shards: [0, 0.5, 0.76, 0.88, 0.94, 0.97, 0.99], 'shards-graph': [0, 0.01, 0.02, 0.02, 0.02, 0.02, 0.02] };

const row = (strategy: string, latency: number, i: number): ScaleRow => {
  const txPerSec = TPS[strategy]![latency]![i]!;
  const shards = SHARDS[i]!;
  return {
    strategy, requested: shards, workers: shards, shards, simulated: true, profile: 'native', networkLatencyUs: latency,
    wallMs: 5e6 / txPerSec, speedup: txPerSec / 9886, txPerSec, gasPerSec: txPerSec * 21_000, executions: 10_000, aborts: 0,
    extra: { crossShardRatio: CROSSED[strategy]![i]! },
  };
};

// In the order the engine sends them: shard count by shard count, every latency and strategy at each.
const rows = SHARDS.flatMap((_, i) => [0, 250, 1000].flatMap((l) => ['shards', 'shards-graph'].map((s) => row(s, l, i))));
const sweep: ShardSweep = {
  simulated: true, source: 'synthetic', profile: 'native', cores: Infinity, txCount: 5000, gas: 105e6,
  sequential: { wallMs: 505.8, txPerSec: 9886, gasPerSec: 9886 * 21_000 }, messageUs: 1,
  design: { communities: 64, crossShare: 0.05 }, rows, total: rows.length,
};

describe('reading a sharding sweep', () => {
  it('draws one line per strategy and latency, in shard order', () => {
    const lines = shardLinesOf(sweep);
    expect(lines.map((l) => `${l.strategy}@${l.latency}`)).toEqual(['shards@0', 'shards@250', 'shards@1000', 'shards-graph@0', 'shards-graph@250', 'shards-graph@1000']);
    expect(lines[0]!.rows.map((r) => r.shards)).toEqual(SHARDS);
  });

  it('says what crossed shards under each placement, from the figures', () => {
    const [crosses] = explainShards(sweep);
    expect(crosses!.topic).toBe('What crosses shards');
    expect(crosses!.text).toMatch(/^This block puts its accounts in 64 communities and sends 5 % of its transfers outside the sender's\./);
    expect(crosses!.items).toEqual([
      'shards (accounts placed by a hash of their address): 99 % of the transactions touched more than one of 64 shards (50 % with 2)',
      'shards-graph (accounts placed by who transacts with whom): 2 % of the transactions touched more than one of 64 shards (1 % with 2)',
    ]);
  });

  it('says what each latency cost at the most shards, and that it costs more where more crosses', () => {
    const network = explainShards(sweep).find((r) => r.topic === 'What the network costs')!;
    expect(network.items).toEqual([
      'shards, 79k tx/s at 0 µs: 250 µs costs 80 % (16k tx/s); 1,000 µs costs 94 % (4.7k tx/s)',
      'shards-graph, 244k tx/s at 0 µs: 250 µs costs 37 % (153k tx/s); 1,000 µs costs 72 % (69k tx/s)',
    ]);
    expect(network.text).toContain('the more of the block crosses, the more the network costs (at 1,000 µs: shards, 99 % crossing, loses 94 %; shards-graph, 2 % crossing, loses 72 %)');
  });

  it('says where adding shards stops paying, and which lines pass 100k tx/s', () => {
    const readings = explainShards(sweep);
    const bends = readings.find((r) => r.topic === 'Where adding shards stops paying')!.items!;
    expect(bends).toContain('shards-graph, 0 µs: still gains at 64 shards (244k tx/s, 24.7× sequential); beats the sequential run from 4 shards on');
    expect(bends).toContain('shards, 250 µs: still gains at 64 shards (16k tx/s, 1.6× sequential); 2 shards are slower than 1 (50 % of the block crosses the first split); beats the sequential run from 64 shards on');
    expect(bends).toContain('shards, 1,000 µs: still gains at 64 shards (4.7k tx/s, 0.5× sequential); 2 shards are slower than 1 (50 % of the block crosses the first split); never beats the sequential run on one machine');
    // A line that peaks, then falls.
    const peaked = rows.map((r) => (r.strategy === 'shards-graph' && r.networkLatencyUs === 0 && r.shards > 8 ? { ...r, txPerSec: 29_590 } : r));
    expect(explainShards({ ...sweep, rows: peaked }).find((r) => r.topic === 'Where adding shards stops paying')!.items).toContain(
      'shards-graph, 0 µs: stops gaining at 8 shards (37k tx/s), then loses: 30k tx/s at 64; beats the sequential run from 4 shards on',
    );
    expect(readings.find((r) => r.topic === '100k TPS')!.text).toBe('Past 100k tx/s (simulated): shards-graph at 0 µs from 32 shards; shards-graph at 250 µs from 64 shards.');
    expect(readings.map((r) => r.topic)).not.toContain('One machine’s cores');
  });

  it("warns that the js profile puts every shard on one machine's cores", () => {
    const js = explainShards({ ...sweep, profile: 'js', cores: 1.45 });
    expect(js.at(-1)!.text).toMatch(/^The js profile simulates one machine with 1\.45 cores, and every shard shares them/);
  });
});
