/**
 * Writes `examples/prague-set-code.json`, the page's Prague example, from the test block it is and stock ethereumjs's
 * result for it
 * (`src/engine/testing/signedBlocks.ts`): `npx tsx scripts/prague-example.ts`. `prague.test.ts` fails when the file
 * and the block drift apart.
 */
import { writeFileSync } from 'node:fs';
import { serializeScenario } from '../src/engine/scenario/serialize.ts';
import { pragueBlock, pragueExample, stockRunSignedBlock } from '../src/engine/testing/signedBlocks.ts';

const path = new URL('../examples/prague-set-code.json', import.meta.url);
const block = pragueBlock();
writeFileSync(path, serializeScenario(pragueExample(block, await stockRunSignedBlock(block))));
console.log(`wrote ${path.pathname}`);
