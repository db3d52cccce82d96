/**
 * `node --import tsx scripts/bench-recovery.ts [DIR] [--rounds N] [--limit N]`: sender recovery per signature, WASM
 * against pure JS, in one process on the mainnet bundles' signatures (default ../shared/data/mainnet).
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadScenarioFile } from '../src/engine/scenario/loadFile.node.ts';
import { measureRecovery, recoveryLine } from '../src/cli/bench/recovery.ts';

const { values, positionals } = parseArgs({ options: { rounds: { type: 'string' }, limit: { type: 'string' } }, allowPositionals: true });
const dir = resolve(positionals[0] ?? '../shared/data/mainnet');
const files = (await readdir(dir)).filter((f) => /^\d+\.json$/.test(f)).sort();
const scenarios = await Promise.all(files.map((f) => loadScenarioFile(join(dir, f))));
const r = await measureRecovery(scenarios, { rounds: Number(values.rounds ?? 3), limit: Number(values.limit ?? 600) });
console.log(recoveryLine(r));
console.log(JSON.stringify(r));
