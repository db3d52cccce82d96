/**
 * The page's state and what the user can do with it: the setup, the current run (scenario, streaming trace,
 * result), verification, compare runs, notices. The engine runs elsewhere (`Engine`: the coordinator worker);
 * this class only moves its answers into reactive state, bumping `revision` at most once a frame while a trace
 * streams (less often for a large one: `redrawEveryMs`), so the stage redraws per frame rather than per event.
 */
import { wantsReference } from '../app/autoReference.ts';
import { type Check, headerChecks, verifyChecks } from '../app/checks.ts';
import { verifyBadge } from '../app/verifyBadge.ts';
import { REFERENCE, comparePlan, medianRun, stepLabel, warmUp } from '../app/compareRounds.ts';
import { type RunProgress, largeRunWarning, redrawEveryMs } from '../app/runProgress.ts';
import { Engine, type EngineMode } from '../app/coordinator/client.ts';
import { RunCancelled, isRunCancelled } from '../app/coordinator/protocol.ts';
import type { ScaleBlock, ScaleParams, ScaleRow, ScaleSweep, ScaleSweepParams, ShardSweep, ShardSweepParams, SimulatedRun } from '../app/coordinator/scaleProtocol.ts';
import { type LastRun, readStored, writeLast, writeSetup } from '../app/persist.ts';
import { errorMessage } from '../app/errorMessage.ts';
import { type ScenarioSource, sourceLabel } from '../app/scenarios.ts';
import { hardwareThreads } from '../app/settings.ts';
import { type Setup, defaultSetup, sameScenario } from '../app/setup.ts';
import { mergeSetupIntoUrl } from '../app/shareUrl.ts';
import { clampSetupWorkers, startup } from '../app/startup.ts';
import type { PlacedContracts } from '../app/explain/index.ts';
import type { Result } from '../engine/result.ts';
import { type Scenario, preStateIsComplete } from '../engine/scenario/types.ts';
import type { SetupOutcome } from '../engine/setupRun.ts';
import type { Trace } from '../engine/trace/events.ts';
import type { FileMeta } from '../app/open/types.ts';
import { OpenFiles } from './openFiles.svelte.ts';
import type { Phase } from '../app/runProgress.ts';

export type { Phase };

export interface CompareRun {
  label: string;
  scenario: Scenario;
  trace: Trace;
  result: Result;
  /** In compare mode: the wall ms of every timed run of this strategy (this one is their median). */
  wallMs?: number[];
}

export interface Notice {
  id: string;
  kind: 'info' | 'warn' | 'error';
  text: string;
}

/** A custom scenario the editor built: held here, since a link carries only its source. */
export interface BuiltScenario {
  scenario: Scenario;
  label: string;
  key: string;
  /** The contracts' ABIs by name: the stage names the functions the transactions call. */
  abis: Record<string, unknown[]>;
  /** Where the contracts are, with their docs: the stage names their state and quotes their lines. */
  contracts: PlacedContracts;
}

export class Session {
  readonly maxWorkers = hardwareThreads();
  setup = $state<Setup>(defaultSetup(2));
  phase = $state<Phase>('starting');
  error = $state<string | null>(null);
  notices = $state<Notice[]>([]);
  engineMode = $state<EngineMode | undefined>(undefined);

  scenario = $state.raw<Scenario | null>(null);
  scenarioLabel = $state('');
  trace = $state.raw<Trace | null>(null);
  revision = $state(0);
  result = $state.raw<Result | null>(null);
  live = $state(false);
  /** The setup the shown run was made with. */
  runSetup = $state.raw<Setup | null>(null);
  reference = $state.raw<Result | null>(null);
  verification = $state.raw<Check[] | null>(null);
  compareRuns = $state.raw<CompareRun[]>([]);
  view = $state<'single' | 'compare'>('single');
  built = $state.raw<BuiltScenario | null>(null);
  /** Opening files (button, drop, paste, link) and "Your files" (`openFiles.svelte.ts`). */
  readonly files: OpenFiles;
  /** The opened file the setup names, once loaded (a reload loads it from this browser's storage). */
  opened = $state.raw<{ meta: FileMeta; scenario: Scenario } | null>(null);
  /** Runs finished since the page opened (a restored run is 0): lets a viewer tell a fresh result from an old one. */
  runCount = $state(0);
  /** Cancel was pressed and the engine has not stopped yet. */
  cancelling = $state(false);
  /** The run in progress, for its progress line (updated once a frame); null when none is going. */
  progress = $state.raw<RunProgress | null>(null);
  /** In compare mode, the step of the plan running now (`round 2 of 3: dag (run 7 of 12)`). */
  compareStep = $state('');
  /** A long run waits for a yes (`answer`): what was asked, and what to start. */
  confirm = $state.raw<{ kind: 'run' | 'compare'; text: string } | null>(null);
  /** The engine's idle warm-up after load (`EngineApi.warmUp`): a first Run after `warm` is not a cold one. */
  warm = $state<'cold' | 'warming' | 'warm'>('cold');

  /** The last real run (a simulated one is not): the Scale lab simulates from its trace. */
  realRun = $state.raw<{ setup: Setup; trace: Trace; result: Result } | null>(null);
  /** The simulated run the stage shows, if it shows one (`trace.simulated` is set too). */
  simulated = $state.raw<{ row: ScaleRow; source: string; profile: string } | null>(null);

  readonly busy = $derived(this.phase !== 'idle' && this.phase !== 'starting');
  readonly headerChecks = $derived(this.result && this.scenario?.expected ? headerChecks(this.result, this.scenario.expected, preStateIsComplete(this.scenario)) : null);
  /** The shown scenario's transactions against their root and hashes (`EngineApi.transactionChecks`), once known. */
  private txChecks = $state.raw<{ scenario: Scenario; checks: Check[] } | null>(null);
  readonly transactionChecks = $derived(this.txChecks && this.txChecks.scenario === this.scenario ? this.txChecks.checks : null);
  /** What the shown run was checked against, and what not (`app/verifyBadge.ts`). */
  readonly badge = $derived(
    this.result && this.scenario && this.result.txCount === this.scenario.transactions.length
      ? verifyBadge({ scenario: this.scenario, result: this.result, reference: this.reference, transactions: this.transactionChecks })
      : null,
  );

  private readonly engine: Engine;
  private frame = 0;
  private lastBump = 0;
  /** The last scenario the engine sent, by source: a copy of 20,000 transactions costs the page's thread a second. */
  private loaded: { key: string; scenario: Scenario } | null = null;
  private progressNow: (() => RunProgress) | null = null;

  constructor(private readonly env: { storage?: Storage; location: Location; history: History }) {
    const url = new URL(env.location.href);
    this.engine = new Engine({
      forcePage: url.searchParams.get('engine') === 'page',
      onModeChange: (mode, note) => {
        this.engineMode = mode;
        if (note) this.notify('engine', 'warn', note);
      },
    });
    const { stored, notice } = readStored(env.storage);
    const start = startup(url.href, stored, notice, this.maxWorkers);
    for (const n of start.notices) this.notify(n.id, n.kind, n.text);
    this.setup = start.setup;
    if (start.restore) this.restore(start.restore);
    this.files = new OpenFiles({
      onopened: (meta, scenario) => this.useOpened(meta, scenario),
      onremoved: (id) => this.forgetOpened(id),
      notify: (id, kind, text) => this.notify(id, kind, text),
    });
    void this.files.refresh();
    void this.files.importFromLink(env.location, env.history);
  }

  /** Starts the engine and its workers, and loads the setup's scenario (so the stage shows it before any run). */
  async start(): Promise<void> {
    try {
      await this.engine.start();
      await this.engine.warm(this.setup.workers);
      if (!this.scenario) await this.loadScenario();
    } catch (e) {
      this.error = errorMessage(e);
    } finally {
      // A run may have started meanwhile (Run is live from the first paint): leave its phase alone.
      if (this.phase === 'starting') this.phase = 'idle';
    }
    // `?warmup=0` leaves the engine cold (the first-run benchmark's baseline, scripts/bench-first-run-browser.ts).
    if (!this.error && new URL(this.env.location.href).searchParams.get('warmup') !== '0') this.warmUpWhenIdle();
  }

  /**
   * Once the page is idle, the engine warms up for the setup's strategy (a cold first run is up to ~2× slower). The
   * engine stops the warm-up for anything the user asks of it, so it never delays a Run, a Verify or a load.
   */
  private warmUpWhenIdle(): void {
    const go = () => {
      if (this.busy || this.warm !== 'cold') return;
      this.warm = 'warming';
      const { strategy, workers } = this.setup;
      let source: ScenarioSource | undefined;
      try {
        source = this.source();
      } catch {
        // a contract not built yet: nothing to set up
      }
      this.engine.warmUp({ strategies: ['sequential', strategy], workers, source }).then(
        (w) => {
          // Stopped for something the user asked: not tried again (a run warms the engine up as well as this).
          this.warm = w.cancelled ? 'cold' : 'warm';
          if (w.ecrecover?.path === 'js') {
            this.notify('ecrecover', 'info', `Sender recovery runs in pure JavaScript here (${w.ecrecover.note ?? 'no WebAssembly'}): real blocks take longer to start.`);
          }
        },
        () => (this.warm = 'cold'),
      );
    };
    if (typeof requestIdleCallback === 'function') requestIdleCallback(go, { timeout: 2000 });
    else setTimeout(go, 500);
  }

  notify(id: string, kind: Notice['kind'], text: string): void {
    this.notices = [...this.notices.filter((n) => n.id !== id), { id, kind, text }];
  }

  dismiss(id: string): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  /** Replaces the setup (a lesson, a form edit); the URL follows. */
  apply(setup: Setup): void {
    const changedScenario = !sameScenario(setup.scenario, this.setup.scenario);
    this.setup = this.clamp(setup);
    this.syncUrl();
    this.save();
    if (changedScenario && !this.busy) void this.loadScenario().catch((e) => (this.error = errorMessage(e)));
  }

  shareUrl(): string {
    return mergeSetupIntoUrl(this.env.location.href, this.setup);
  }

  syncUrl(): void {
    try {
      this.env.history.replaceState(this.env.history.state, '', this.shareUrl());
    } catch {
      // A sandboxed frame may refuse; the Copy link button still works.
    }
  }

  private clamp(setup: Setup): Setup {
    const clamped = clampSetupWorkers(setup, this.maxWorkers);
    if (clamped.notice) this.notify(clamped.notice.id, clamped.notice.kind, clamped.notice.text);
    return clamped.setup;
  }

  source(setup: Setup = this.setup): ScenarioSource {
    // A plain copy: reactive proxies cannot be posted to the coordinator worker.
    const s = $state.snapshot(setup.scenario) as Setup['scenario'];
    if (s.kind === 'file') {
      const o = this.opened;
      if (!o || o.meta.id !== s.id) throw new Error('Your file is still being read from this browser’s storage: try again in a moment.');
      return { kind: 'built', key: `file:${s.id}`, label: o.meta.label, scenario: o.scenario };
    }
    if (s.kind !== 'custom') return s;
    if (!this.built) throw new Error('Your contract: build its scenario in the “Your contract” tab first, then run it.');
    return { kind: 'built', key: this.built.key, label: this.built.label, scenario: this.built.scenario };
  }

  private async loadScenario(): Promise<void> {
    if (this.setup.scenario.kind === 'custom' && !this.built) return;
    if (!(await this.fileReady(this.setup))) return;
    const source = this.source();
    const scenario = await this.load(source);
    if (sameScenario(this.setup.scenario, source.kind === 'built' ? this.setup.scenario : source) && !this.live) {
      this.scenario = scenario;
      this.scenarioLabel = sourceLabel(source);
    }
  }

  /** One run of the setup's strategy; the trace streams into the stage. A long one asks first (`confirmed` skips it). */
  async run(confirmed = false): Promise<void> {
    if (this.busy || (!confirmed && this.askFirst('run', 1))) return;
    this.begin();
    this.view = 'single';
    const setup = $state.snapshot(this.setup) as Setup;
    try {
      this.phase = 'loading';
      if (!(await this.fileReady(setup))) return; // the file is gone (a notice says so)
      const source = this.source(setup);
      const run = await this.execute(source, setup.strategy, setup.workers);
      this.runSetup = setup;
      this.result = run.result;
      this.realRun = { setup, trace: run.trace, result: run.result };
      this.runCount++;
      this.save(run);
    } catch (e) {
      if (isRunCancelled(e)) this.notify('cancelled', 'info', 'Run cancelled');
      else {
        this.error = errorMessage(e);
        console.error(e);
      }
    } finally {
      this.finish();
    }
    // The speedup needs sequential's time: fetch it now rather than waiting for a Verify click (`wantsReference`).
    const done = this.result;
    if (done && !this.error && this.realRun?.result === done && wantsReference({ strategy: done.strategy, txCount: done.txCount, simulated: !!this.trace?.simulated })) await this.verify();
  }

  /**
   * Stops the run, verification or compare in progress (the Cancel button, Esc). The engine stops at its next
   * step and the call in progress ends with a short notice; the trace so far stays on the stage.
   */
  async cancel(): Promise<void> {
    if (!this.busy || this.cancelling) return;
    this.cancelling = true;
    try {
      await this.engine.cancel();
    } catch {
      // The engine is gone (its worker died): the call in progress fails and says so.
    }
  }

  /** Whether a run of the setup `runs` times is long enough to ask first (the question is then in `confirm`). */
  private askFirst(kind: 'run' | 'compare', runs: number): boolean {
    const s = this.setup.scenario;
    const txs = s.kind === 'preset' ? s.txs : s.kind === 'custom' ? (this.built?.scenario.transactions.length ?? 0) : (this.scenario?.transactions.length ?? 0);
    const text = largeRunWarning(txs, runs);
    this.confirm = text ? { kind, text } : null;
    return text !== null;
  }

  /** The answer to the long-run question: go, or not. */
  answer(go: boolean): void {
    const asked = this.confirm;
    this.confirm = null;
    if (go && asked) void (asked.kind === 'run' ? this.run(true) : this.compare(true));
  }

  /** A run, verification or compare starts: clear the last one's message. */
  private begin(): void {
    this.confirm = null;
    this.error = null;
    this.cancelling = false;
    this.dismiss('cancelled');
  }

  private finish(): void {
    this.live = false;
    this.cancelling = false;
    this.phase = 'idle';
  }

  /** The source's scenario: the one already here, or the engine's. */
  private async load(source: ScenarioSource): Promise<Scenario> {
    const key = source.kind === 'built' ? `built:${source.key}` : JSON.stringify(source);
    if (this.loaded?.key === key) return this.loaded.scenario;
    const scenario = await this.engine.load(source);
    this.loaded = { key, scenario };
    // For the Verify badge; small (one hash per transaction) and off the page's thread.
    this.engine.transactionChecks(source).then(
      (checks) => (this.txChecks = { scenario, checks }),
      () => {}, // the badge then says they are still being computed; a run's own error is reported by the run
    );
    return scenario;
  }

  /** Loads the scenario, runs one strategy and streams its trace into `this.trace`. */
  private async execute(source: ScenarioSource, strategy: string, workers: number): Promise<CompareRun> {
    const scenario = await this.load(source);
    // Cancel pressed while the scenario loaded: the engine had no run to stop yet.
    if (this.cancelling) throw new RunCancelled();
    // Sequential runs on one worker whatever was asked: the stage draws one lane from the start, not an empty second.
    const trace: Trace = { strategy, workers: strategy === 'sequential' ? 1 : workers, txCount: scenario.transactions.length, events: [] };
    this.scenario = scenario;
    this.scenarioLabel = sourceLabel(source);
    this.trace = trace;
    this.simulated = null;
    this.result = null;
    this.reference = null;
    this.verification = null;
    this.live = true;
    this.phase = this.phase === 'comparing' ? 'comparing' : 'running';
    this.revision++;
    const progress: RunProgress = { committed: 0, total: scenario.transactions.length, startedAt: performance.now(), now: performance.now() };
    this.progressNow = () => ({ ...progress, now: performance.now() });
    this.progress = this.progressNow();
    try {
      const result = await this.engine.run(source, { strategy, workers }, (batch) => {
        for (const e of batch) {
          trace.events.push(e);
          if (e.kind === 'commit') {
            progress.committed++;
            progress.firstCommitAt ??= performance.now();
          }
        }
        this.bumpSoon();
      });
      trace.workers = result.workers;
      this.live = false;
      this.bumpNow();
      return { label: strategy, scenario, trace, result };
    } finally {
      this.progressNow = null;
      this.progress = null;
    }
  }

  /** A redraw on a coming frame: the next one, or later for a large trace (`redrawEveryMs`). */
  private bumpSoon(): void {
    if (this.frame) return;
    const due = this.lastBump + redrawEveryMs(this.trace?.events.length ?? 0);
    const go = (now: number) => {
      if (now < due) this.frame = requestAnimationFrame(go);
      else this.bumpNow();
    };
    this.frame = requestAnimationFrame(go);
  }

  private bumpNow(): void {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.lastBump = performance.now();
    this.revision++;
    if (this.progressNow) this.progress = this.progressNow();
  }

  /** Runs the sequential reference on the shown run's scenario and checks the run against it (the whole contract). */
  async verify(): Promise<void> {
    if (this.busy || !this.result || !this.runSetup) return;
    const result = this.result;
    this.begin();
    this.phase = 'verifying';
    try {
      const reference = await this.engine.reference(this.source(this.runSetup));
      this.reference = reference;
      this.verification = verifyChecks(result, reference);
    } catch (e) {
      if (isRunCancelled(e)) this.notify('cancelled', 'info', 'Verification cancelled');
      else this.error = `Verify failed: ${errorMessage(e)}`;
    } finally {
      this.finish();
    }
  }

  /**
   * Compare mode: every chosen strategy on the same scenario — untimed warm-up runs each until they settle, then timed rounds in
   * alternating order (`app/compareRounds.ts`, the CLI's discipline). Each strategy shows its median run; sequential
   * always runs, as the speedup's reference. The strategy running now streams onto the stage like a single run.
   */
  async compare(confirmed = false): Promise<void> {
    if (this.busy) return;
    const setup = $state.snapshot(this.setup) as Setup;
    const strategies = setup.compare && setup.compare.length >= 2 ? setup.compare : undefined;
    if (!strategies) {
      this.error = 'Compare: pick two or more strategies first.';
      return;
    }
    const plan = comparePlan(strategies);
    if (!confirmed && this.askFirst('compare', plan.steps.length)) return;
    this.begin();
    this.phase = 'comparing';
    this.view = 'compare';
    this.compareRuns = [];
    const timed = new Map<string, CompareRun[]>();
    let at = 0;
    try {
      if (!(await this.fileReady(setup))) return; // the file is gone (a notice says so)
      const source = this.source(setup);
      for (; at < plan.steps.length; at++) {
        const step = plan.steps[at];
        if (step.round === 0) {
          await warmUp(async (k) => {
            this.compareStep = stepLabel(plan, at, k);
            return (await this.execute(source, step.strategy, setup.workers)).result.stats.wallMs;
          });
          continue;
        }
        this.compareStep = stepLabel(plan, at);
        const run = await this.execute(source, step.strategy, setup.workers);
        timed.set(step.strategy, [...(timed.get(step.strategy) ?? []), run]);
        this.compareRuns = plan.strategies.flatMap((name) => {
          const runs = timed.get(name) ?? [];
          const shown = medianRun(runs.map((r) => ({ wallMs: r.result.stats.wallMs, run: r })))?.run;
          const label = name === REFERENCE && plan.addedReference ? `${name} (reference)` : name;
          return shown ? [{ ...shown, label, wallMs: runs.map((r) => r.result.stats.wallMs) }] : [];
        });
      }
      this.runCount++;
      const lastRun = this.compareRuns.at(-1);
      if (lastRun) {
        this.result = lastRun.result;
        this.runSetup = { ...setup, strategy: lastRun.trace.strategy };
        this.save(lastRun);
        this.realRun = { setup: this.runSetup, trace: lastRun.trace, result: lastRun.result };
      }
    } catch (e) {
      if (isRunCancelled(e)) this.notify('cancelled', 'info', `Compare cancelled at ${stepLabel(plan, at)}`);
      else this.error = errorMessage(e);
    } finally {
      this.compareStep = '';
      this.finish();
    }
  }

  /** The editor's workload builder deploys and sets up the user's contract: in the engine, not on this page. */
  runContractSetup(setup: Scenario): Promise<SetupOutcome> {
    return this.engine.runSetup(setup);
  }

  /** The editor built a scenario from the user's contract: it becomes the setup's scenario. */
  useBuilt(scenario: Scenario, label: string, code: string, abis: Record<string, unknown[]> = {}, contracts: PlacedContracts = []): void {
    this.built = { scenario, label, key: `${label}:${code.length}:${hash(code)}`, abis, contracts };
    this.apply({ ...this.setup, scenario: { kind: 'custom', code } });
    this.scenario = scenario;
    this.scenarioLabel = label;
  }

  /** The block the Scale lab simulates from: the last real run's, when it was of the setup's scenario (else null). */
  recordedBlock(): Extract<ScaleBlock, { kind: 'recorded' }> | null {
    const r = this.realRun;
    if (!r || !sameScenario(r.setup.scenario, this.setup.scenario) || r.trace.txCount === 0) return null;
    let source: ScenarioSource;
    try {
      source = this.source(r.setup);
    } catch {
      return null; // a contract not built in this visit
    }
    const { events, txCount, strategy, workers } = r.trace;
    return { kind: 'recorded', source, trace: { events, txCount, strategy, workers }, label: sourceLabel(source) };
  }

  /** The Scale lab's sweep of simulated runs, in the engine (`EngineApi.scaleSweep`). */
  scaleSweep(params: ScaleParams, sweep: ScaleSweepParams, onProgress?: (partial: ScaleSweep) => void): Promise<ScaleSweep> {
    return this.engine.scaleSweep(params, sweep, onProgress);
  }

  /** The Scale lab's sharding sweep: shards × network latency (`EngineApi.shardSweep`). */
  shardSweep(params: ScaleParams, sweep: ShardSweepParams, onProgress?: (partial: ShardSweep) => void): Promise<ShardSweep> {
    return this.engine.shardSweep(params, sweep, onProgress);
  }

  /** One simulated run (`EngineApi.simulate`): `showSimulated` puts it on the stage. */
  simulate(params: ScaleParams, strategy: string, workers: number): Promise<SimulatedRun> {
    return this.engine.simulate(params, strategy, workers);
  }

  /** Shows a simulated run on the stage like a finished run (it replays from the start). Nothing is saved: a reload
   * shows the last real run. */
  async showSimulated(run: SimulatedRun, block: ScaleBlock): Promise<void> {
    if (this.busy) return;
    // The stage's inspector reads the block: the synthetic one, or the recorded run's (cached by the engine).
    const scenario = run.scenario ?? (block.kind === 'recorded' ? await this.engine.load(block.source) : null);
    if (this.busy) return;
    this.view = 'single';
    if (scenario) {
      this.scenario = scenario;
      this.scenarioLabel = block.kind === 'recorded' ? block.label : (scenario.description ?? scenario.name);
    }
    this.trace = run.trace;
    this.simulated = { row: run.row, source: run.trace.simulated?.source ?? '', profile: run.trace.simulated?.profile ?? '' };
    this.result = null;
    this.reference = null;
    this.verification = null;
    this.live = false;
    this.revision++;
  }

  /** Back from a simulated run to the last real one. */
  async showReal(): Promise<void> {
    const r = this.realRun;
    if (this.busy || !r) return;
    let source: ScenarioSource | undefined;
    try {
      source = this.source(r.setup);
    } catch {
      source = undefined;
    }
    if (source) {
      const scenario = await this.engine.load(source);
      if (this.busy) return;
      this.scenario = scenario;
      this.scenarioLabel = sourceLabel(source);
    }
    this.view = 'single';
    this.trace = r.trace;
    this.result = r.result;
    this.runSetup = r.setup;
    this.simulated = null;
    this.reference = null;
    this.verification = null;
    this.revision++;
  }

  private restore(last: LastRun): void {
    this.runSetup = last.setup;
    this.result = last.result;
    if (last.trace) {
      this.trace = last.trace;
      if (!last.trace.simulated) this.realRun = { setup: last.setup, trace: last.trace, result: last.result };
      this.revision++;
    }
    // The scenario is regenerated (it is deterministic) once the engine is up.
  }

  /** Saves the setup, and with a finished run the run too (the setup is small and saved on every change; a run only once). */
  save(run?: CompareRun): void {
    let notice = writeSetup(this.env.storage, $state.snapshot(this.setup) as Setup);
    if (run && this.runSetup) notice ??= writeLast(this.env.storage, { setup: this.runSetup, result: run.result, trace: run.trace });
    if (notice) this.notify('storage', 'warn', notice);
  }

  /** A file was opened: it becomes the setup's scenario. */
  useOpened(meta: FileMeta, scenario: Scenario): void {
    this.opened = { meta, scenario };
    this.apply({ ...this.setup, scenario: { kind: 'file', id: meta.id } });
    if (!this.busy) {
      this.scenario = scenario;
      this.scenarioLabel = meta.label;
    }
  }

  /** A file was removed from this browser: a setup that named it goes back to the default scenario. */
  private forgetOpened(id: string): void {
    if (this.opened?.meta.id === id) this.opened = null;
    if (this.setup.scenario.kind === 'file' && this.setup.scenario.id === id) this.apply({ ...this.setup, scenario: defaultSetup().scenario });
  }

  /** The setup's file loaded from storage when it is not yet (a reload); false when it is gone (then the default
   * scenario replaces it, with a notice). Other setups are ready as they are. */
  private async fileReady(setup: Setup): Promise<boolean> {
    const s = setup.scenario;
    if (s.kind !== 'file' || this.opened?.meta.id === s.id) return true;
    const loaded = await this.files.load(s.id);
    if (loaded) {
      this.opened = loaded;
      return true;
    }
    this.notify('files', 'warn', 'The file this setup names is no longer kept in this browser, so the default scenario is loaded instead: open the file again.');
    if (this.setup.scenario.kind === 'file' && this.setup.scenario.id === s.id) this.apply({ ...this.setup, scenario: defaultSetup().scenario });
    return false;
  }

  dispose(): void {
    this.files.dispose();
    this.engine.dispose();
  }
}

/** A short, stable fingerprint of a string (FNV-1a), to tell built scenarios apart. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}
