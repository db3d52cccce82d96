/** `gen` and `presets` as users run them: `node --import tsx src/cli/main.ts …`, and `gen`'s output fed to `run`. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { serializeScenario } from '../../engine/scenario/index.ts';
import { PRESETS, generatePreset } from './index.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const tmp = mkdtempSync(join(tmpdir(), 'parallax-gen-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000, maxBuffer: 64 << 20 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('cli gen', () => {
  it('prints the same scenario JSON as the library, and run accepts it and verifies it against sequential', () => {
    const out = cli('gen', '--preset', 'mixed-defi', '--txs', '60', '--seed', '7', '--skew', '1.2', '--access-lists', 'exact');
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(out.stdout).toBe(serializeScenario(generatePreset('mixed-defi', { txs: 60, skew: 1.2, accessLists: 'exact' }, 7)));
    const file = join(tmp, 'mixed.json');
    writeFileSync(file, out.stdout);
    const run = cli('run', file, '--strategy', 'block-stm', '--workers', '2', '--verify', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ strategy: 'block-stm', txCount: 60 });
    expect(run.stderr).toMatch(/✓ stateRoot matches sequential/);
    expect(run.stderr).not.toMatch(/✗/);
  });

  it('takes any knob, in kebab-case or camelCase, and a mix as kind=weight pairs', () => {
    const out = cli('gen', '--txs', '20', '--mix', 'erc20=3,swap=1', '--hotSpot', '0.5', '--nonces-per-sender', '2', '--deploy', 'transactions');
    expect(out.code).toBe(0);
    const s = JSON.parse(out.stdout);
    expect(s.description).toMatch(/mix=erc20:0.75,swap:0.25 .*hotSpot=0.5 .*noncesPerSender=2 .*deploy=transactions/);
    expect(s.transactions[0].to).toBeNull(); // deployed by transactions
  });

  const bad: [string, string[], RegExp][] = [
    ['a negative skew', ['--skew=-1'], /^error: --skew: expected a number ≥ 0, got -1$/],
    ['an unknown kind', ['--mix', 'swp=1'], /^error: --mix swp: unknown transaction kind \(did you mean "swap"\?\)$/],
    ['an unknown preset', ['--preset', 'dexrush'], /^error: --preset: unknown preset "dexrush" \(did you mean "dex-rush"\?\)$/],
    ['a bad seed', ['--seed', 'abc'], /^error: --seed: expected a whole number from 0 to 4294967295, got "abc"$/],
    ['too many transactions', ['--txs', '200000'], /^error: --txs: expected a whole number from 10 to 100000, got 200000$/],
    ['an unknown option', ['--turbo', '1'], /^error: unknown option --turbo/],
  ];

  it.each(bad)('exits 2 with one line on stderr for %s', (_name, args, message) => {
    const out = cli('gen', ...args);
    expect(out.code).toBe(2);
    expect(out.stdout).toBe('');
    expect(out.stderr.trim()).toMatch(message);
  });
});

describe('cli presets', () => {
  it('--json prints an array of { id, name, description }', () => {
    const out = cli('presets', '--json');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual(PRESETS.map(({ id, name, description }) => ({ id, name, description })));
  });

  it('lists every preset for people, and help lists both commands', () => {
    const out = cli('presets');
    expect(out.code).toBe(0);
    for (const p of PRESETS) expect(out.stdout).toContain(`${p.id}  `);
    const help = cli('help');
    expect(help.stdout).toMatch(/gen\s+generate a workload/);
    expect(help.stdout).toMatch(/presets\s+list the workload presets/);
    expect(cli('help', 'gen').stdout).toContain('--nonces-per-sender');
  });
});
