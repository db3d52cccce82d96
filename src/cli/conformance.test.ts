/** `npm run cli -- conformance`, spawned as users run it. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const TESTS = resolve(ROOT, '../shared/data/ethereum-tests/BlockchainTests/GeneralStateTests');
const tmp = mkdtempSync(join(tmpdir(), 'parallax-conformance-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'conformance', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli conformance', () => {
  it('--json prints the totals, the failures and the reasons for skips; exit 0 when everything that ran passed', () => {
    const notAFixture = join(tmp, 'scenario.json');
    writeFileSync(notAFixture, '{"name": "not a test"}');
    const out = cli(`${TESTS}/stSStoreTest/InitCollisionParis.json`, notAFixture, '--strategies', 'sequential,block-stm', '--workers', '2', '--json');
    expect(out.code).toBe(0);
    const report = JSON.parse(out.stdout);
    expect(report).toMatchObject({ total: 5, passed: 4, failed: 0, skipped: 1, failures: [] });
    expect(Object.keys(report.skippedReasons)).toEqual([expect.stringMatching(/^not a blockchain-test file/)]);
    expect(out.stderr).toMatch(/^4 passed, 0 failed, 1 skipped$/m);
  });

  it('exits 1 and names the test, the strategy and what differs when a block does not reproduce its header', () => {
    const json = JSON.parse(readFileSync(`${TESTS}/stSStoreTest/InitCollisionParis.json`, 'utf8'));
    const name = Object.keys(json)[0]!;
    json[name].blocks[0].blockHeader.gasUsed = '0x1';
    const broken = join(tmp, 'broken.json');
    writeFileSync(broken, JSON.stringify({ [name]: json[name] }));
    const out = cli(broken, '--strategies', 'sequential');
    expect(out.code).toBe(1);
    expect(out.stdout).toContain(`✗ ${broken} › ${name} · sequential\n    gasUsed 0x30d40 ≠ 0x1 (header)`);
    expect(out.stdout).toMatch(/^0 passed, 1 failed, 0 skipped$/m);
  });

  it('exits 2 on a path that does not exist or an unknown strategy', () => {
    expect(cli(join(tmp, 'nothing-here')).stderr).toMatch(/^error: no such file or folder: /);
    const bad = cli(TESTS, '--strategies', 'block-stn');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown strategy "block-stn"/);
  });

  it('run and compare take one test of a file with --test; a wrong name lists some that exist, a bundle has none', () => {
    const spawn = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const file = `${TESTS}/stSStoreTest/sstore_XtoXto0.json`;
    const names = Object.keys(JSON.parse(readFileSync(file, 'utf8')));
    const pick = names[3]!;
    const ran = spawn('run', file, '--test', pick, '--workers', '2', '--verify', '--no-warmup', '--json');
    expect(ran.status, ran.stderr).toBe(0);
    expect(JSON.parse(ran.stdout).receipts).toHaveLength(1); // that test's first block: one transaction
    expect(ran.stderr).toMatch(/✓ stateRoot matches the block header/);
    const compared = spawn('compare', file, '--test', pick, '--workers', '2', '--strategies', 'block-stm', '--runs', '1', '--no-warmup', '--ceiling-txs', '0');
    expect(compared.status, compared.stderr).toBe(0);
    expect(compared.stdout + compared.stderr).toContain(`${pick}: 1 txs`);
    const wrong = spawn('run', file, '--test', 'nope', '--no-warmup');
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain(`nope: no such test: the file has ${names.length}, among them "${names[0]}"`);
    const bundle = spawn('run', resolve(ROOT, '../shared/data/mainnet/19426587.json'), '--test', 'x', '--no-warmup');
    expect(bundle.status).toBe(2);
    expect(bundle.stderr).toContain('has no tests to choose from');
  });
});
