/**
 * `npm run compare:all`: the recorded comparison — `compare` on every preset and every mainnet bundle, in one
 * process on one worker pool, with the machine's parallel ceiling measured before and after. Writes the JSON
 * (bench-results/compare.json) and a Markdown report (bench-results/compare.md: a summary of which strategy wins
 * where, then each workload's table). Exit 1 if any run differed from sequential.
 */
import { availableParallelism, cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import type { Scenario } from '../../engine/scenario/index.ts';
import { PRESET_IDS } from '../../workloads/presets/index.ts';
import { EXIT, UsageError, choiceList, parseCommandArgs, positiveInt, runMain, workerCountList, workerLimitText } from '../args.ts';
import { OutputError, prepareOutputFile, writeOutputFile } from '../output.ts';
import { parallelCeiling, type Ceiling } from '../bench/ceiling.ts';
import { collect } from '../bench/memory.ts';
import { parseStrategies } from '../commands/compare.ts';
import { ms } from '../format.ts';
import { interruptible, throwIfCancelled } from '../interrupt.ts';
import { disposePool, startPool } from '../pool.ts';
import { anatomyTexts } from './aborts.ts';
import { compareStrategies, type Comparison } from './comparison.ts';
import { comparisonTable, describeAnalysis } from './table.ts';
import { summaryTable } from './summary.ts';
import { bundleNumbers, defaultMainnetDir, loadBundle, presetScenario } from '../workloads.ts';

const OPTIONS = {
  runs: { type: 'string' },
  txs: { type: 'string' },
  workers: { type: 'string' },
  strategies: { type: 'string' },
  presets: { type: 'string' },
  blocks: { type: 'string' },
  'mainnet-dir': { type: 'string' },
  out: { type: 'string' },
  why: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const USAGE = `Usage: npm run compare:all [-- options]

Runs compare (every strategy × worker count, each checked against sequential) on every preset and every mainnet
bundle in one process, and writes OUT.json and OUT.md.

Options:
  --runs N           timed rounds per configuration, median reported (default 3)
  --txs N            transactions per preset (default 500)
  --workers LIST     worker counts (default 1,2,4,8; ${workerLimitText()})
  --strategies LIST  all, or some parallel strategies (default all)
  --presets LIST     presets to include, or "none" (default: all)
  --blocks LIST      mainnet blocks to include, or "none" (default: every bundle in --mainnet-dir)
  --mainnet-dir DIR  default ../shared/data/mainnet, or public/blocks without it
  --out PATH         output path without extension (default bench-results/compare)
  --why              where each parallel row's aborts come from (its median run; as compare --why), in the output
                     and in OUT.md
  -h, --help         this help`;

async function workloads(values: { presets?: string; blocks?: string; 'mainnet-dir'?: string }, txs: number): Promise<(() => Promise<Scenario>)[]> {
  const presets = values.presets === 'none' ? [] : values.presets === undefined ? [...PRESET_IDS] : choiceList('presets', values.presets, PRESET_IDS);
  const dir = resolve(values['mainnet-dir'] ?? defaultMainnetDir());
  let blocks: string[] = [];
  if (values.blocks !== 'none') {
    const have = await bundleNumbers(dir);
    blocks = values.blocks === undefined ? have : choiceList('blocks', values.blocks, have);
  }
  return [
    ...presets.map((id) => async () => presetScenario(id, { txs }, 1)),
    ...blocks.map((b) => async () => (await loadBundle(dir, b, false)).scenario),
  ];
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, 'npm run compare:all -- --help');
  if (values.help) {
    console.log(USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`compare:all takes no file arguments, got: ${positionals.join(' ')}`);
  const runs = values.runs === undefined ? 3 : positiveInt('runs', values.runs, 1000);
  const txs = values.txs === undefined ? 500 : positiveInt('txs', values.txs, 1_000_000);
  const workers = values.workers === undefined ? [1, 2, 4, 8] : [...new Set(workerCountList('workers', values.workers))].sort((a, b) => a - b);
  const strategies = parseStrategies(values.strategies);
  const out = values.out ?? join('bench-results', 'compare');
  for (const ext of ['json', 'md']) await prepareOutputFile(`${out}.${ext}`, 'results'); // fails now, not after the runs
  const loaders = await workloads(values, txs);

  const started = new Date();
  const c = cpus();
  const command = `npm run compare:all${argv.length ? ` -- ${argv.join(' ')}` : ''}`;
  const header = `${command}\n${started.toISOString()} · Node ${process.version} · ${c.length} × ${c[0]?.model ?? 'unknown CPU'} · load average at start ${loadavg().map((l) => l.toFixed(2)).join(' ')}`;
  console.log(header);
  const results: Comparison[] = [];
  const ceilings: Ceiling[] = [];
  const say = (line: string) => console.error(line);
  await interruptible(async (signal) => {
    const pool = await startPool(Math.max(2, ...workers));
    try {
      ceilings.push(await parallelCeiling(pool));
      for (const load of loaders) {
        throwIfCancelled(signal);
        collect();
        const scenario = await load();
        say(`\n${scenario.name} (${scenario.transactions.length} txs)`);
        const r = await compareStrategies(pool, scenario, { strategies, workers, runs, senders: 'recover', warmup: true, anatomy: values.why ? strategies : undefined, signal }, say);
        console.log(`\n${scenario.name}\n${describeAnalysis(r.analysis)}\n${comparisonTable(r)}`);
        for (const text of anatomyTexts(r)) console.log(`\n${text}`);
        results.push(r);
      }
      throwIfCancelled(signal);
      ceilings.push(await parallelCeiling(pool));
    } finally {
      disposePool(pool);
    }
  });

  const failures = results.flatMap((r) => r.failures.map((f) => `${r.scenario.name}: ${f}`));
  const ceilingText = ceilings.map((x) => `${x.ratio.toFixed(2)}×`).join(' before, ') + ' after';
  const md = [
    `Command: \`${command}\` — ${started.toISOString()}, ${c.length} × ${c[0]?.model ?? 'unknown CPU'}, Node ${process.version}, ` +
      `${availableParallelism()} cores; load average at end ${loadavg().map((l) => l.toFixed(2)).join(' ')}. Median of ${runs} run(s).`,
    `Machine ceiling (2 uncoordinated workers vs 1): ${ceilingText}.`,
    failures.length ? `**${failures.length} MISMATCH(ES):**\n${failures.map((f) => `- ${f}`).join('\n')}` : 'Every run equalled sequential.',
    '',
    summaryTable(results, true),
    ...results.flatMap((r) => [
      '',
      `### ${r.scenario.name} (${r.scenario.txs} txs)`,
      '',
      describeAnalysis(r.analysis).split('\n').join('  \n'),
      '',
      comparisonTable(r, true),
      ...anatomyTexts(r).flatMap((text) => ['', '```', text, '```']),
    ]),
  ].join('\n');
  console.log(`\nmachine ceiling: ${ceilingText}\n\n${summaryTable(results)}`);
  const json = { command, startedAt: started.toISOString(), finishedAt: new Date().toISOString(), cpus: c.length, ceilings, results, failures };
  let unwritten: string | undefined;
  try {
    await writeOutputFile(`${out}.json`, `${JSON.stringify(json, null, 2)}\n`, 'results');
    await writeOutputFile(`${out}.md`, `${md}\n`, 'Markdown summary');
    console.log(`\nwritten: ${out}.json, ${out}.md (${ms((Date.now() - started.getTime()) / 1000)} s)`);
  } catch (error) {
    if (!(error instanceof OutputError)) throw error;
    unwritten = error.message; // reported last: it never hides a mismatch
  }
  let code: number = EXIT.ok;
  if (failures.length) {
    console.log(`✗ ${failures.length} mismatch(es):\n${failures.map((f) => `  ✗ ${f}`).join('\n')}`);
    code = EXIT.mismatch;
  } else console.log('✓ every run equalled sequential');
  if (unwritten === undefined) return code;
  console.error(`error: ${unwritten}`);
  return code === EXIT.ok ? EXIT.usage : code;
}

await runMain(() => main(process.argv.slice(2)));
