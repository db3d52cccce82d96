/**
 * Regenerates src/workloads/contracts/artifacts.json from the .sol files there.
 * Run: node --import tsx scripts/compile-contracts.ts
 */
import { writeFileSync } from 'node:fs';
import { toArtifacts } from '../src/workloads/compiler/artifacts.ts';
import { compile, nodeCompiler } from '../src/workloads/compiler/node.ts';
import { ARTIFACTS_PATH, readSources } from '../src/workloads/contracts/sources.ts';

const output = compile({ sources: readSources() });
for (const w of output.errors.filter((e) => e.severity !== 'error')) console.warn(w.formatted);
const artifacts = toArtifacts(output, nodeCompiler().version); // throws on errors
writeFileSync(ARTIFACTS_PATH, `${JSON.stringify(artifacts, null, 2)}\n`);
const sizes = Object.entries(artifacts.contracts).map(([n, c]) => `${n} ${(c.deployedBytecode.length - 2) / 2} B`);
console.log(`solc ${artifacts.solcVersion} (${artifacts.evmVersion}): ${sizes.join(', ')} → ${ARTIFACTS_PATH}`);
