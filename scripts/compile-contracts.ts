/**
 * Regenerates src/workloads/contracts/artifacts.json (ABI and code), abis.json (the ABIs alone, for the page) and
 * docs.json (storage layouts and what each function reads and writes on which line, for the page's explanations)
 * from the .sol files there.
 * Run: npm run compile:contracts
 */
import { writeFileSync } from 'node:fs';
import { toAbis, toArtifacts, toDocs } from '../src/workloads/compiler/artifacts.ts';
import { compile, nodeCompiler } from '../src/workloads/compiler/node.ts';
import { ABIS_PATH, ARTIFACTS_PATH, DOCS_PATH, readSources } from '../src/workloads/contracts/sources.ts';

const output = compile({ sources: readSources() });
for (const w of output.errors.filter((e) => e.severity !== 'error')) console.warn(w.formatted);
const artifacts = toArtifacts(output, nodeCompiler().version); // throws on errors
writeFileSync(ARTIFACTS_PATH, `${JSON.stringify(artifacts, null, 2)}\n`);
writeFileSync(ABIS_PATH, `${JSON.stringify(toAbis(artifacts), null, 2)}\n`);
writeFileSync(DOCS_PATH, `${JSON.stringify(toDocs(output), null, 1)}\n`);
const sizes = Object.entries(artifacts.contracts).map(([n, c]) => `${n} ${(c.deployedBytecode.length - 2) / 2} B`);
console.log(`solc ${artifacts.solcVersion} (${artifacts.evmVersion}): ${sizes.join(', ')} → ${ARTIFACTS_PATH}, ${ABIS_PATH}, ${DOCS_PATH}`);
