import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import counterDemo from '../../../examples/counter-demo.json' with { type: 'json' };
import { bundleToScenario } from '../../engine/scenario/bundle.ts';
import { serializeScenario } from '../../engine/scenario/serialize.ts';
import { rpcDumpFromBundle } from '../../engine/testing/rpcDump.ts';
import { MAX_PACKED, packText } from '../pack.ts';
import { Opener } from './opener.ts';
import { OpenService, linkForm } from './service.ts';
import type { FileMeta, Progress } from './types.ts';

const bundle = JSON.parse(readFileSync(new URL('../../../public/blocks/19426587.json', import.meta.url), 'utf8'));
const fixture = JSON.parse(readFileSync(new URL('../../../e2e/fixtures/RevertOpcodeInInit.json', import.meta.url), 'utf8'));
const dump = rpcDumpFromBundle(bundle);

describe('Opener', () => {
  it('opens a scenario, a bundle and a one-test fixture by their content, whatever their names', () => {
    const o = new Opener();
    const s = o.open([{ name: 'a.txt', json: counterDemo }]);
    expect(s).toMatchObject({ status: 'opened', kind: 'scenario', name: 'a.txt' });
    const b = o.open([{ name: 'scenario.json', json: bundle }]);
    expect(b).toMatchObject({ status: 'opened', kind: 'bundle' });
    if (b.status === 'opened') expect(b.scenario.transactions).toHaveLength(37);
    const [first] = Object.keys(fixture);
    const one = o.open([{ name: 'f.json', json: { [first!]: fixture[first!] } }]);
    expect(one).toMatchObject({ status: 'opened', kind: 'fixture' });
  });

  it('asks which test of a fixture file to open, and opens the one picked', () => {
    const o = new Opener();
    expect(o.open([{ name: 'RevertOpcodeInInit.json', json: fixture }])).toEqual({
      status: 'pick',
      name: 'RevertOpcodeInInit.json',
      tests: ['RevertOpcodeInInit_d0g0v0_Cancun', 'RevertOpcodeInInit_d0g0v1_Cancun'],
    });
    expect(o.pick('nope')).toMatchObject({ status: 'error', message: expect.stringContaining('nope: no such test') });
    const picked = o.pick('RevertOpcodeInInit_d0g0v1_Cancun');
    expect(picked).toMatchObject({ status: 'opened', kind: 'fixture' });
    if (picked.status === 'opened') expect(picked.scenario.name).toBe('RevertOpcodeInInit_d0g0v1_Cancun');
    expect(o.pick('RevertOpcodeInInit_d0g0v0_Cancun').status).toBe('error'); // picked once: the file is done
  });

  it('opens a node dump as two files at once, or one after the other in either order, saying which half is missing', () => {
    const together = new Opener().open([{ name: 'trace.json', json: dump.trace }, { name: 'block.json', json: dump.block }]);
    expect(together).toMatchObject({ status: 'opened', kind: 'rpc-block', name: 'block.json + trace.json' });
    const expected = bundleToScenario(bundle);
    if (together.status === 'opened') expect(together.scenario.transactions).toEqual(expected.transactions);

    for (const [a, b] of [[{ name: 'block.json', json: dump.block }, { name: 'trace.json', json: dump.trace }], [{ name: 'trace.json', json: dump.trace }, { name: 'block.json', json: dump.block }]]) {
      const o = new Opener();
      const half = o.open([a!]);
      expect(half.status).toBe('half');
      if (half.status === 'half') {
        expect(half.pending.message).toContain(a!.name);
        expect(half.pending.message).toContain(a!.name === 'block.json' ? 'pre-state is still missing' : 'block is still missing');
      }
      expect(o.pending).toBeDefined();
      expect(o.open([b!])).toMatchObject({ status: 'opened', kind: 'rpc-block' });
      expect(o.pending).toBeUndefined();
    }
  });

  it('keeps the waiting half when the other file is wrong, and names the field at fault', () => {
    const o = new Opener();
    o.open([{ name: 'block.json', json: dump.block }]);
    const short = structuredClone(dump.trace);
    short.result.pop();
    const bad = o.open([{ name: 'trace.json', json: short }]);
    expect(bad).toMatchObject({ status: 'error', message: expect.stringMatching(/^trace\.json: result: has 36 transaction traces, but the block has 37/) });
    if (bad.status === 'error') expect(bad.pending?.have).toBe('rpc-block');
    expect(o.open([{ name: 'trace.json', json: dump.trace }]).status).toBe('opened');
  });

  it('refuses what it cannot open with a message, never a throw', () => {
    const o = new Opener();
    expect(o.open([{ name: 'x.json', json: [1, 2] }])).toMatchObject({ status: 'error', message: expect.stringMatching(/^x\.json: not a file Parallax can open: expected a scenario file.*got an array of 2 values/) });
    expect(o.open([{ name: 'x.json', json: { foo: 1 } }])).toMatchObject({ status: 'error', message: expect.stringContaining('got an object with the field "foo"') });
    const broken = structuredClone(counterDemo) as any;
    delete broken.transactions[0].nonce;
    expect(o.open([{ name: 'demo.json', json: broken }])).toMatchObject({ status: 'error', message: 'demo.json: transactions[0].nonce: is required' });
    expect(o.open([{ name: 'a.json', json: counterDemo }, { name: 'b.json', json: bundle }])).toMatchObject({
      status: 'error', message: expect.stringContaining('open one file at a time'),
    });
  });
});

describe('OpenService', () => {
  function memory() {
    const saved = new Map<string, { meta: FileMeta; text: string }>();
    return { saved, deps: { save: async (meta: FileMeta, text: string) => void saved.set(meta.id, { meta, text }), read: async (id: string) => saved.get(id), now: () => 1 } };
  }

  it('reads a file with progress, stores its scenario, and loads it back as the same scenario', async () => {
    const { saved, deps } = memory();
    const service = new OpenService(deps);
    const progress: Progress[] = [];
    const text = JSON.stringify(bundle);
    const out = await service.handle({ op: 'open', inputs: [{ name: '19426587.json', file: new Blob([text]) }] }, (p) => progress.push(p));
    expect(out.status).toBe('opened');
    if (out.status !== 'opened') return;
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['reading', 'parsing', 'checking', 'saving']));
    expect(progress.filter((p) => p.phase === 'reading').at(-1)).toMatchObject({ done: text.length, total: text.length });
    expect(out.meta).toMatchObject({ name: '19426587.json', kind: 'bundle', label: 'Mainnet block 19,426,587', txCount: 37 });
    expect(saved.get(out.meta.id)?.text).toBe(serializeScenario(out.scenario));
    const again = await service.handle({ op: 'load', fileId: out.meta.id }, () => {});
    expect(again.status === 'opened' && again.scenario).toEqual(out.scenario);
  });

  it('opens a blockchain test whose block is given only as RLP (loading the decoder then), as the same block', async () => {
    const [name] = Object.keys(fixture);
    const test = fixture[name!];
    const rlpOnly = { [name!]: { ...test, blocks: test.blocks.map((b: { rlp: string }) => ({ rlp: b.rlp })) } };
    const out = await new OpenService(memory().deps).handle({ op: 'open', inputs: [{ name: 'rlp.json', text: JSON.stringify(rlpOnly) }] }, () => {});
    const decoded = new Opener().open([{ name: 'rlp.json', json: { [name!]: test } }]);
    if (out.status !== 'opened' || decoded.status !== 'opened') throw new Error(`expected both to open: ${JSON.stringify(out)}`);
    const noSenders = (s: typeof out.scenario) => ({ ...s, transactions: s.transactions.map(({ from: _, ...t }) => t) });
    expect(noSenders(out.scenario)).toEqual(noSenders(decoded.scenario));
    // Without the decoder (the Opener alone), the test cannot run here, and says why.
    expect(new Opener().open([{ name: 'rlp.json', json: rlpOnly }])).toMatchObject({ status: 'error', message: expect.stringContaining('only as RLP') });
  });

  it('gives a small scenario a link form that imports to the same scenario, and says why a big one has none', async () => {
    const { deps } = memory();
    const service = new OpenService(deps);
    const out = await service.handle({ op: 'open', inputs: [{ name: 'demo.json', text: JSON.stringify(counterDemo) }] }, () => {});
    if (out.status !== 'opened' || !('packed' in out.meta.link)) throw new Error('expected a link form');
    const imported = await service.handle({ op: 'import', packed: out.meta.link.packed }, () => {});
    expect(imported.status === 'opened' && imported.scenario).toEqual(out.scenario);
    const big = linkForm('x'.repeat(3_000_000));
    expect(big).toEqual({ tooBig: expect.stringMatching(/^the scenario is 2,930 KB; a link carries at most 1,953 KB unpacked$/) });
    // Random hex does not compress: past the packed limit, the reason says so.
    let noise = '';
    for (let i = 0; noise.length < 1_000_000; i++) noise += Math.imul(i + 1, 2654435761).toString(16);
    const packed = linkForm(noise);
    expect('tooBig' in packed ? packed.tooBig : packText(noise).length <= MAX_PACKED).toBeTruthy();
  });

  it('says what is wrong with broken JSON and a broken link, and keeps a waiting half', async () => {
    const service = new OpenService(memory().deps);
    await service.handle({ op: 'open', inputs: [{ name: 'block.json', text: JSON.stringify(dump.block) }] }, () => {});
    const broken = await service.handle({ op: 'open', inputs: [{ name: 'trace.json', text: '{"result": [' }] }, () => {});
    expect(broken).toMatchObject({ status: 'error', message: 'trace.json: not valid JSON: Unexpected end of input at line 1 column 13', pending: { have: 'rpc-block' } });
    expect(await service.handle({ op: 'import', packed: '!!' }, () => {})).toMatchObject({ status: 'error', message: expect.stringContaining('the link\'s scenario: not base64url') });
  });
});
