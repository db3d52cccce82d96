/**
 * Regenerates src/workloads/contracts/artifacts.json from the .sol files there.
 * Run: node --import tsx scripts/compile-contracts.ts
 */
import { writeFileSync } from 'node:fs';
import { compileSources } from '../src/workloads/compile.ts';
import { ARTIFACTS_PATH, readSources } from '../src/workloads/contracts/sources.ts';

const sources = readSources();
const artifacts = compileSources(sources);
writeFileSync(ARTIFACTS_PATH, `${JSON.stringify(artifacts, null, 2)}\n`);
const sizes = Object.entries(artifacts.contracts).map(([n, c]) => `${n} ${(c.deployedBytecode.length - 2) / 2} B`);
console.log(`solc ${artifacts.solcVersion} (${artifacts.evmVersion}): ${sizes.join(', ')} → ${ARTIFACTS_PATH}`);
