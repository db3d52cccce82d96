/**
 * First run against second, each in a fresh process:
 *
 *   node --import tsx --expose-gc scripts/bench-first-run.ts [FILE…] [--strategy S] [--workers N] [--warmup LIST]
 *        [--samples N] [--trust-from]
 *
 * For every file (default: public/blocks/15537394.json and the DEX-rush preset; `preset:ID[:TXS]` names a preset) and
 * every warm-up mode, `--samples` fresh processes each start the pool, warm up as told, then time two runs of the same
 * strategy on the same scenario; the modes take turns, so the machine's load drifting hits them alike. The modes and
 * the sample itself are in `src/cli/bench/firstRun.ts` (`npm run bench` prints the `cli` row too): `none`, `gen`,
 * `prime`, `cli` (what `npm run cli -- run` does; `cliN`: with an N-transaction warm-up block), `worker`, `same`.
 */
import { parseArgs } from 'node:util';
import { FIRST_RUN_HEADER, type FirstRunSample, firstRunLine, spawnFirstRunSample, summarizeFirstRun } from '../src/cli/bench/firstRun.ts';

const { values, positionals } = parseArgs({
  options: {
    strategy: { type: 'string', default: 'block-stm' },
    workers: { type: 'string', default: '2' },
    warmup: { type: 'string', default: 'none,gen,prime,cli,worker,same' },
    samples: { type: 'string', default: '3' },
    'trust-from': { type: 'boolean', default: false },
  },
  allowPositionals: true,
});

const opts = { strategy: values.strategy!, workers: Number(values.workers), trustFrom: values['trust-from']! };
const files = positionals.length > 0 ? positionals : ['public/blocks/15537394.json', 'preset:dex-rush'];
const modes = values.warmup!.split(',');
console.log(`${opts.strategy} ×${opts.workers}, senders ${opts.trustFrom ? 'trust' : 'recover'}, ${values.samples} fresh process(es) per row, the modes interleaved; medians; ms`);
console.log(FIRST_RUN_HEADER);
for (const file of files) {
  const samples = new Map<string, FirstRunSample[]>(modes.map((m) => [m, []]));
  // Round-robin over the modes, so that the machine's load drifting affects them all alike.
  for (let i = 0; i < Number(values.samples); i++) {
    for (const mode of modes) samples.get(mode)!.push(await spawnFirstRunSample(file, mode, opts));
  }
  for (const mode of modes) console.log(firstRunLine(file.replace(/^.*\//, ''), summarizeFirstRun(mode, samples.get(mode)!)));
}
