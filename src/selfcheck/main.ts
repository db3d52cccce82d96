/** The self-check page: runs the checks in this browser and shows each result as text (the e2e tests read them). */
import { compile } from '../workloads/compiler/browser.ts';
import { SELF_CHECK_PRESET, SELF_CHECK_SOURCES, presetDigest } from './checks.ts';

const results = document.getElementById('results')!;
const status = document.getElementById('status')!;

function show(id: string, label: string, value: string): void {
  const dt = document.createElement('dt');
  dt.textContent = label;
  const dd = document.createElement('dd');
  dd.id = id;
  dd.textContent = value; // text, never HTML
  results.append(dt, dd);
}

async function main(): Promise<void> {
  const { id, txs, seed } = SELF_CHECK_PRESET;
  show('preset-digest', `sha-256 of preset ${id}, ${txs} transactions, seed ${seed}`, presetDigest());
  const good = await compile({ sources: SELF_CHECK_SOURCES.good });
  const child = good.contracts['Child.sol']?.Child;
  show('compile-good', 'Child.sol (imports Base.sol)', child ? `ok, ${(child.deployedBytecode.length - 2) / 2} bytes of runtime code` : `failed: ${good.errors.map((e) => e.formatted).join('; ')}`);
  const again = await compile({ sources: SELF_CHECK_SOURCES.good });
  show('compile-cached', 'same sources again', again === good ? 'served from the cache' : 'compiled again');
  const broken = await compile({ sources: SELF_CHECK_SOURCES.broken });
  const err = broken.errors.find((e) => e.severity === 'error');
  show('compile-error', 'Broken.sol', err ? `${err.file}:${err.line}:${err.column} ${err.message}` : 'no error reported');
  status.textContent = 'done';
  status.id = 'done';
}

main().catch((e: unknown) => {
  status.textContent = `failed: ${e instanceof Error ? e.message : String(e)}`;
  status.id = 'failed';
});
