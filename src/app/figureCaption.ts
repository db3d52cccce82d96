/**
 * The words on an exported figure: a title naming the setup (strategy, workers, scenario) and a line of the run's own
 * figures, each with its unit. An exported lanes view is shown away from the page (a slide, a paper), so it has to
 * say what it is by itself. Pure: the page passes what it knows.
 */
import { formatRatio, groupDigits } from './format.ts';
import { coldLabel, coldSide } from './explain/runStory.ts';

export interface FigureCaption {
  title: string;
  subtitle: string;
}

interface RunFacts {
  strategy: string;
  workers: number;
  txCount: number;
  /** `coldWorkers`: the run's first on some of its workers (`RunStats.coldWorkers`). */
  stats: { executions: number; reexecutions: number; aborts: number; wallMs: number; coldWorkers?: number };
}

export interface FigureInput {
  /** `dex-rush, 60 txs, seed 1`, `Mainnet block 11,814,555`. */
  scenarioLabel: string;
  /** The run shown (a single run), or the runs compared, in the order the stage shows them. */
  runs: readonly RunFacts[];
  /** A sequential run of the same scenario: the speedup's reference, when known. */
  reference?: { stats: { wallMs: number; coldWorkers?: number } } | null;
  /** Simulated runs (the Scale lab): their times are the simulator's, not this machine's. */
  simulated?: boolean;
  /** When it was measured (the caption gives the day). */
  at?: Date;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${groupDigits(n)} ${n === 1 ? one : many}`;

export function figureCaption(f: FigureInput): FigureCaption {
  if (f.runs.length === 0) throw new Error('figure: no run to caption');
  const day = (f.at ?? new Date()).toISOString().slice(0, 10);
  const where = f.simulated ? 'simulated' : `measured in the browser, ${day}`;
  const workers = Math.max(...f.runs.map((r) => r.workers));
  if (f.runs.length > 1) {
    const names = f.runs.map((r) => r.strategy);
    const times = f.runs.map((r) => `${r.strategy} ${groupDigits(Math.round(r.stats.wallMs))} ms`);
    return {
      title: `${names.join(' vs ')} on ${plural(workers, 'worker')} — ${f.scenarioLabel}`,
      subtitle: `${plural(f.runs[0]!.txCount, 'transaction')} · wall-clock: ${times.join(', ')} · ${where}`,
    };
  }
  const r = f.runs[0]!;
  const s = r.stats;
  const ref = r.strategy === 'sequential' ? null : f.reference;
  const cold = ref ? coldSide(r, ref) : null;
  const speedup = ref && s.wallMs > 0 ? ` (${formatRatio(ref.stats.wallMs / s.wallMs)} sequential${cold ? `, ${coldLabel(cold)}` : ''})` : '';
  return {
    title: `${r.strategy} on ${plural(r.workers, 'worker')} — ${f.scenarioLabel}`,
    subtitle: `${plural(r.txCount, 'transaction')} · ${plural(s.executions, 'execution')} (${plural(s.reexecutions, 're-execution')}) · ${plural(s.aborts, 'abort')} · ${groupDigits(Math.round(s.wallMs))} ms wall-clock${speedup} · ${where}`,
  };
}
