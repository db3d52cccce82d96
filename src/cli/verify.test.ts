/**
 * `run --verify` checks what the data promises, spawned as a user runs it: a shipped block's transactions against
 * its header's transactions root (two swapped transfers leave every receipt, and so the receipts root, as they were:
 * only the transactions root sees it), each transaction against its hash where the header has no root, and the state
 * root wherever the pre-state is complete (a conformance fixture) but not for a bundle (said in a note).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BLOCK = resolve(ROOT, 'public/blocks/19426587.json');
const FIXTURE = resolve(ROOT, '../shared/data/ethereum-tests/BlockchainTests/GeneralStateTests/stSelfBalance/selfBalance.json');
const tmp = mkdtempSync(join(tmpdir(), 'parallax-verify-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function verify(file: string, ...more: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'run', file, '--workers', '1', '--no-warmup', '--verify', ...more], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

type Bundle = { block: { transactionsRoot?: string; transactions: Record<string, string>[] } };
const block = (): Bundle => JSON.parse(readFileSync(BLOCK, 'utf8')) as Bundle;
function file(name: string, json: unknown): string {
  const path = join(tmp, name);
  writeFileSync(path, JSON.stringify(json));
  return path;
}

describe('run --verify against what the data promises', () => {
  it('passes a shipped block as it is: header, transactions root and hashes; says the state root is not checked', () => {
    const r = verify(BLOCK);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ transactionsRoot matches the block header');
    expect(r.out).toMatch(/✓ transaction hashes match the bundle \(37 transactions/);
    expect(r.out).toContain('✓ receiptsRoot matches the block header');
    expect(r.out).toContain('note: stateRoot not checked against the block header: the pre-state holds only what the block touches');
    expect(r.out).not.toMatch(/stateRoot (matches|differs from) the block header/);
  }, 150_000);

  it('fails two swapped transactions of a shipped block on the transactions root alone: every receipt still matches', () => {
    // Transactions 2 and 3: plain 21,000-gas transfers between unrelated accounts, so the receipts are unchanged.
    const b = block();
    const txs = b.block.transactions;
    [txs[2], txs[3]] = [txs[3]!, txs[2]!];
    const r = verify(file('swapped.json', b));
    expect(r.code).toBe(1);
    expect(r.out).toContain('✗ transactionsRoot differs from the block header');
    expect(r.out).toContain('✓ receiptsRoot matches the block header');
    expect(r.out).toContain('✓ receipts match sequential');
    expect(r.out).toContain("the run equals sequential, so the data is the suspect, not the engine: these are not the block's transactions as signed, or not in its order");
  }, 150_000);

  it('without a transactions root, names the first transaction whose hash differs from the one the bundle gives it', () => {
    const b = block();
    delete b.block.transactionsRoot;
    const tx = b.block.transactions[3]!;
    tx.value = `0x${(BigInt(tx.value!) - 1n).toString(16)}`; // one wei less than signed for
    // Its senders as the bundle says: recovered from the altered fields, the signature would name someone else.
    const r = verify(file('altered.json', b), '--trust-from');
    expect(r.code).toBe(1);
    expect(r.out).not.toContain('transactionsRoot');
    expect(r.out).toMatch(/✗ transaction hashes differ from the bundle: transaction 3 hashes to 0x[0-9a-f]{64}, the bundle says 0x[0-9a-f]{64} \(1 of 37 differ/);
  }, 150_000);

  it('checks the state root against the header where the pre-state is complete (a conformance fixture)', () => {
    const r = verify(FIXTURE);
    expect(r.code).toBe(0);
    expect(r.out).toContain('✓ stateRoot matches the block header');
    expect(r.out).toContain('✓ transactionsRoot matches the block header');
    expect(r.out).not.toContain('stateRoot not checked');
  }, 150_000);
});
