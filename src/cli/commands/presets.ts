/** `parallax presets`: the named workloads `gen --preset` accepts, with the conflicts each one produces. */
import { PRESETS } from '../../workloads/presets/index.ts';
import { EXIT, UsageError, parseCommandArgs, type Command } from '../args.ts';

const OPTIONS = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const usage = () => `Usage: npm run cli -- presets [--json]

Lists the workload presets: id, name and what conflicts to expect.

Options:
      --json   print an array of { id, name, description }
  -h, --help   this help

Generate one with: npm run cli -- gen --preset <id> --txs N --seed S > scenario.json`;

export const presetsCommand: Command = {
  name: 'presets',
  summary: 'list the workload presets for gen (--json for machines)',
  get usage() {
    return usage();
  },
  main,
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, 'npm run cli -- help presets');
  if (values.help) {
    console.log(usage());
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`presets takes no arguments, got ${positionals.join(' ')}`);
  if (values.json) {
    console.log(JSON.stringify(PRESETS.map(({ id, name, description }) => ({ id, name, description })), null, 2));
    return EXIT.ok;
  }
  const width = Math.max(...PRESETS.map((p) => p.id.length));
  const blocks = PRESETS.map((p) => `${p.id.padEnd(width)}  ${p.name}\n${wrap(p.description, 96).map((line) => `${' '.repeat(width + 2)}${line}`).join('\n')}`);
  console.log(`${blocks.join('\n\n')}\n\nGenerate one with: npm run cli -- gen --preset <id> --txs N --seed S > scenario.json`);
  return EXIT.ok;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines;
}
