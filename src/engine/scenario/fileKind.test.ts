import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import counterDemo from '../../../examples/counter-demo.json' with { type: 'json' };
import { rpcDumpFromBundle } from '../testing/rpcDump.ts';
import { detectFileKind } from './fileKind.ts';

const bundle = JSON.parse(readFileSync(new URL('../../../public/blocks/19426587.json', import.meta.url), 'utf8'));
const fixture = JSON.parse(readFileSync(new URL('../../../e2e/fixtures/RevertOpcodeInInit.json', import.meta.url), 'utf8'));
const dump = rpcDumpFromBundle(bundle);

describe('detectFileKind', () => {
  it('tells every kind apart by its content', () => {
    expect(detectFileKind(counterDemo).kind).toBe('scenario');
    expect(detectFileKind(bundle).kind).toBe('bundle');
    expect(detectFileKind(fixture).kind).toBe('fixture');
    expect(detectFileKind(dump.block).kind).toBe('rpc-block');
    expect(detectFileKind(dump.block.result).kind).toBe('rpc-block');
    expect(detectFileKind(dump.trace).kind).toBe('rpc-trace');
    expect(detectFileKind(dump.trace.result).kind).toBe('rpc-trace');
    expect(detectFileKind({ jsonrpc: '2.0', id: 1, result: [] }).kind).toBe('rpc-trace'); // a block without transactions
  });

  it('a scenario with fields missing is still a scenario (its validation names what is missing)', () => {
    expect(detectFileKind({ name: 'x' }).kind).toBe('scenario');
  });

  it('says what the rest looks like', () => {
    const message = (x: unknown) => (detectFileKind(x) as { message: string }).message;
    expect(message({})).toMatch(/^not a file Parallax can open: expected a scenario file, .*; got an empty object$/);
    expect(message({ a: 1, b: 2 })).toMatch(/got an object with the fields "a", "b"$/);
    expect(message([{ txHash: undefined, x: 1 }].map(({ x }) => ({ x })))).toMatch(/got an array of 1 objects without "result"/);
    expect(message([1, 2])).toMatch(/got an array of 2 values$/);
    expect(message('hello')).toMatch(/got "hello"$/);
    expect(message(null)).toMatch(/got null$/);
  });
});
