/**
 * `parallax gen`: a generated scenario (a preset, any knob overridden) as scenario JSON on stdout, ready for `run`.
 * Every knob is an option, in kebab-case or as spelled in the API (`--hot-spot 0.3`, `--hotSpot 0.3`). The text is
 * `serializeScenario`'s, written in pieces (`serializeScenarioChunks`) so that 100,000 transactions fit in memory.
 */
import { DEFAULT_KNOBS, KNOB_DOCS, KNOB_NAMES, KnobError, generate, serializeScenarioChunks, type Knobs } from '../../workloads/generators/index.ts';
import { PRESET_IDS, generatePreset } from '../../workloads/presets/index.ts';
import { EXIT, UsageError, parseCommandArgs, type Command } from '../args.ts';

const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

const KNOB_OPTIONS = Object.fromEntries(
  KNOB_NAMES.flatMap((name) => [...new Set([name, kebab(name)])].map((flag) => [flag, { type: 'string' as const }])),
);

const OPTIONS = {
  preset: { type: 'string', short: 'p' },
  seed: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  ...KNOB_OPTIONS,
} as const;

const usage = () => `Usage: npm run cli -- gen [--preset ID] [--txs N] [--seed S] [--KNOB VALUE …] > scenario.json

Generates a workload and prints it as scenario JSON (the same seed and knobs always give the same bytes).

Options:
  -p, --preset ID   start from a preset's knobs (list them with: npm run cli -- presets):
                    ${PRESET_IDS.join(', ')}
      --seed S      PRNG seed, a whole number from 0 to 4294967295 (default: 1)
  -h, --help        this help

Knobs (override the preset's; defaults in brackets):
${KNOB_NAMES.map((name) => `  --${kebab(name).padEnd(18)} ${KNOB_DOCS[name]} [${show(DEFAULT_KNOBS[name])}]`).join('\n')}

Exit codes: 0 ok, 2 bad input or usage.

Examples:
  npm run cli -- gen --preset dex-rush --txs 500 --seed 7 > dex.json && npm run cli -- run dex.json --verify
  npm run cli -- gen --mix erc20=0.5,swap=0.5 --skew 1.2 --pools 8 --access-lists exact > mixed.json`;

function show(value: unknown): string {
  if (typeof value === 'object' && value !== null) return Object.entries(value).map(([k, v]) => `${k}=${v}`).join(',');
  return String(value);
}

export const genCommand: Command = {
  name: 'gen',
  summary: 'generate a workload (a preset and/or knobs) as scenario JSON on stdout',
  get usage() {
    return usage();
  },
  main,
};

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(argv, OPTIONS, 'npm run cli -- help gen');
  if (values.help) {
    console.log(usage());
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`gen takes no file (it prints to stdout), got ${positionals.join(' ')}`);
  const knobs = knobValues(values as Record<string, string | boolean | undefined>);
  const seed = values.seed === undefined ? 1 : number(values.seed);
  try {
    const scenario = values.preset === undefined ? generate(knobs, seed) : generatePreset(values.preset, knobs, seed);
    // Generation leaves ~40 % of its heap as garbage (100,000 swaps: 298 MB used, 159 MB live); collecting it before
    // serialising lets the text reuse that space instead of growing the process (`npm run cli` exposes gc).
    (globalThis as { gc?: () => void }).gc?.();
    // `gen … | head` closes the pipe early: that is the reader's choice, not an error (runMain ends the process).
    // Piece by piece: the text of 100,000 transactions in one string (and its canonical copy) would take > 1 GB.
    for (const piece of serializeScenarioChunks(scenario)) process.stdout.write(piece);
  } catch (error) {
    if (error instanceof KnobError) throw new UsageError(cliMessage(error));
    throw error;
  }
  return EXIT.ok;
}

/** The knob options given, keyed by knob name; numbers as numbers, `--mix a=1,b=2` as an object. */
function knobValues(values: Record<string, string | boolean | undefined>): Partial<Record<keyof Knobs, unknown>> {
  const knobs: Partial<Record<keyof Knobs, unknown>> = {};
  for (const name of KNOB_NAMES) {
    const given = [...new Set([name, kebab(name)])].filter((flag) => values[flag] !== undefined);
    if (given.length > 1) throw new UsageError(`--${kebab(name)} is given twice (as --${given.join(' and --')})`);
    const text = values[given[0] ?? name];
    if (typeof text !== 'string') continue;
    knobs[name] = name === 'mix' ? parseMix(text) : number(text);
  }
  return knobs;
}

/** `erc20=0.7,swap=0.3` (or `erc20:0.7`) → `{ erc20: 0.7, swap: 0.3 }`; a kind alone means weight 1. */
function parseMix(text: string): Record<string, unknown> {
  const mix: Record<string, unknown> = {};
  for (const part of text.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const m = /^([\w-]+)\s*(?:[=:]\s*(.+))?$/.exec(part);
    if (!m) throw new UsageError(`--mix: expected kind=weight pairs such as erc20=0.7,swap=0.3, got "${part}"`);
    mix[m[1]!] = m[2] === undefined ? 1 : number(m[2]);
  }
  return mix;
}

/** Numbers as numbers (so errors read `got -1`, not `got "-1"`); anything else stays text for the knob to judge. */
function number(text: string): number | string {
  return /^\s*-?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(text) ? Number(text) : text;
}

/** `knobs.hotSpot: …` → `--hot-spot: …`; `knobs.mix.swp` → `--mix swp`. */
function cliMessage(error: KnobError): string {
  return error.issues
    .map(({ keys, message }) => {
      const [knob, ...rest] = keys;
      const flag = knob === undefined ? `--${error.prefix}` : `--${kebab(String(knob))}`;
      return `${[flag, ...rest].join(' ')}: ${message}`;
    })
    .join('\n');
}
