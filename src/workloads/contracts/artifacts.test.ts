import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hexToBytes } from '../abi.ts';
import { type Artifacts, toAbis, toDocs } from '../compiler/artifacts.ts';
import { compile, compileSources } from '../compiler/node.ts';
import { ABIS_PATH, ARTIFACTS_PATH, DOCS_PATH, readSources } from './sources.ts';

/** Opcodes executed in `code` (PUSH data skipped), without the trailing CBOR metadata. */
function opcodes(code: `0x${string}`): Set<number> {
  const b = hexToBytes(code);
  const end = b.length - 2 - ((b[b.length - 2]! << 8) | b[b.length - 1]!);
  const ops = new Set<number>();
  for (let i = 0; i < end; i++) {
    ops.add(b[i]!);
    if (b[i]! >= 0x60 && b[i]! <= 0x7f) i += b[i]! - 0x5f;
  }
  return ops;
}

describe('contract artifacts', () => {
  it('are up to date with the Solidity sources (else run scripts/compile-contracts.ts)', () => {
    const fresh = compileSources(readSources()); // also throws if a contract gained an immutable
    const stored = JSON.parse(readFileSync(ARTIFACTS_PATH, 'utf8'));
    expect(stored).toEqual(fresh);
  }, 60_000);

  it('come with an ABI-only file that matches them (the page reads that one; else run npm run compile:contracts)', () => {
    const stored = JSON.parse(readFileSync(ARTIFACTS_PATH, 'utf8')) as Artifacts;
    expect(JSON.parse(readFileSync(ABIS_PATH, 'utf8'))).toEqual(toAbis(stored));
  });

  it('come with docs for the page (storage layouts, accesses, code hashes) that match them (else run npm run compile:contracts)', () => {
    expect(JSON.parse(readFileSync(DOCS_PATH, 'utf8'))).toEqual(toDocs(compile({ sources: readSources() })));
  }, 60_000);

  it('use no opcode newer than berlin, so the code runs on every hardfork the generators pick', () => {
    const stored = JSON.parse(readFileSync(ARTIFACTS_PATH, 'utf8')) as { contracts: Record<string, { deployedBytecode: `0x${string}` }> };
    expect(Object.keys(stored.contracts).sort()).toEqual(['Counter', 'Dao', 'Game', 'Nft', 'PerUserCounter', 'Pool', 'Token']);
    const newer = [0x48 /* BASEFEE */, 0x49 /* BLOBHASH */, 0x4a /* BLOBBASEFEE */, 0x5c, 0x5d /* TLOAD/TSTORE */, 0x5e /* MCOPY */, 0x5f /* PUSH0 */];
    for (const [name, c] of Object.entries(stored.contracts)) {
      expect({ name, found: newer.filter((op) => opcodes(c.deployedBytecode).has(op)) }).toEqual({ name, found: [] });
    }
  });
});
