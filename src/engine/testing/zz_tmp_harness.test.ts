import { it } from 'vitest';
import { expectSameResult } from './harness.ts';
const R = (o: any = {}) => ({ strategy: 'block-stm', workers: 2, txCount: 1, gasUsed: '0x5208', stateRoot: '0x' + 'a'.repeat(64), receiptsRoot: '0x' + 'b'.repeat(64), logsBloom: '0x' + '0'.repeat(512),
  receipts: [{ status: 1, gasUsed: '0x5208', cumulativeGasUsed: '0x5208', logs: [] }], senders: [], stats: {} as any, ...o });
it('passes', () => expectSameResult(R(), R({ strategy: 'sequential' }), 'x'));
it('fails', () => expectSameResult(R({ stateRoot: '0x' + 'c'.repeat(64), receipts: [{ status: 0, gasUsed: '0x5208', cumulativeGasUsed: '0x5208', logs: [] }] }), R({ strategy: 'sequential' }), 'dex-rush: block-stm×2 run 1'));
