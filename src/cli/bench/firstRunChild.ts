/**
 * The child process of a first-run sample (`firstRun.ts` `spawnFirstRunSample`): one sample in this fresh process,
 * printed as one line of JSON on stdout.
 *
 *   node --import tsx --expose-gc src/cli/bench/firstRunChild.ts --mode MODE --strategy S --workers N [--trust-from] FILE
 */
import { parseArgs } from 'node:util';
import { firstRunSample } from './firstRun.ts';

const { values, positionals } = parseArgs({
  options: {
    mode: { type: 'string', default: 'cli' },
    strategy: { type: 'string', default: 'block-stm' },
    workers: { type: 'string', default: '2' },
    'trust-from': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  console.error('firstRunChild: expected one scenario file (or preset:ID[:TXS])');
  process.exit(2);
}
const sample = await firstRunSample(positionals[0], values.mode!, { strategy: values.strategy!, workers: Number(values.workers), trustFrom: values['trust-from']! });
console.log(JSON.stringify(sample));
process.exit(0);
