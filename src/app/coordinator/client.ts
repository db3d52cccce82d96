/**
 * The page's handle on the engine. Normally the engine lives in a coordinator Web Worker (with the EVM workers
 * nested inside it) and the page only draws; if this browser cannot start workers inside a worker, the engine runs
 * on the page instead — slower to draw while it works, but correct — and `mode`/`note` say so.
 *
 * A coordinator that dies (an uncaught error, out of memory) fails the calls in flight with a clear message and is
 * started afresh on the next call.
 */
import * as Comlink from 'comlink';
import type { Check } from '../../engine/contract.ts';
import type { Result } from '../../engine/result.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import type { SetupOutcome } from '../../engine/setupRun.ts';
import type { TraceEvent } from '../../engine/trace/events.ts';
import { errorMessage } from '../errorMessage.ts';
import { Lifeline } from '../../engine/workers/lifeline.ts';
import { blockBase, type ScenarioSource } from '../scenarios.ts';
import type { EngineApi, RunParams, WarmupOutcome, WarmupParams } from './protocol.ts';
import type { ScaleParams, ScaleSweep, ScaleSweepParams, ShardSweep, ShardSweepParams, SimulatedRun } from './scaleProtocol.ts';

export type EngineMode = 'worker' | 'page';

interface Connection {
  api: EngineApi | Comlink.Remote<EngineApi>;
  remote: boolean;
  /** Calls race it: it ends when the coordinator worker dies (the in-page engine never does). */
  life: Lifeline;
  close(): void;
}

const PROBE_MS = 25_000;

export class Engine {
  mode: EngineMode | undefined;
  /** Why the engine runs on the page, when it does. */
  note: string | undefined;
  private conn: Promise<Connection> | undefined;

  /** `forcePage`: skip the worker (tests, `?engine=page`). */
  constructor(private readonly opts: { forcePage?: boolean; onModeChange?: (mode: EngineMode, note?: string) => void } = {}) {}

  private connection(): Promise<Connection> {
    this.conn ??= this.connect();
    return this.conn;
  }

  private async connect(): Promise<Connection> {
    if (!this.opts.forcePage) {
      try {
        const conn = await connectWorker();
        this.setMode('worker');
        return conn;
      } catch (e) {
        this.setMode('page', `This browser could not run the engine in a background worker (${errorMessage(e)}), so it runs on the page: the page may stutter while a run executes.`);
      }
    } else this.setMode('page', 'The engine runs on the page (asked for by the link).');
    return connectInPage();
  }

  private setMode(mode: EngineMode, note?: string): void {
    this.mode = mode;
    this.note = note;
    this.opts.onModeChange?.(mode, note);
  }

  /** Runs `fn` against the engine; if the coordinator dies meanwhile, rejects and forgets it. */
  private async call<T>(fn: (api: Connection['api'], conn: Connection) => Promise<T>): Promise<T> {
    const conn = await this.connection();
    try {
      return await conn.life.race(() => fn(conn.api, conn));
    } catch (e) {
      if (conn.life.dead) {
        conn.close();
        if (this.conn && (await this.conn) === conn) this.conn = undefined;
      }
      throw e;
    }
  }

  start(): Promise<EngineMode> {
    return this.connection().then(() => this.mode!);
  }

  warm(n: number): Promise<void> {
    return this.call((api) => api.warm(n));
  }

  /** Warms the engine up for a first run (`EngineApi.warmUp`); anything else the page asks for stops it. */
  warmUp(params: WarmupParams): Promise<WarmupOutcome> {
    return this.call((api) => api.warmUp(params));
  }

  load(source: ScenarioSource): Promise<Scenario> {
    return this.call((api) => api.load(source));
  }

  /** The transactions against their root and hashes (`EngineApi.transactionChecks`). */
  transactionChecks(source: ScenarioSource): Promise<Check[]> {
    return this.call((api) => api.transactionChecks(source));
  }

  run(source: ScenarioSource, params: RunParams, onEvents: (batch: TraceEvent[]) => void): Promise<Result> {
    return this.call((api, conn) => api.run(source, params, conn.remote ? Comlink.proxy(onEvents) : onEvents));
  }

  reference(source: ScenarioSource): Promise<Result> {
    return this.call((api) => api.reference(source));
  }

  /** Runs a contract's deployment and setup calls where the engine lives (see `EngineApi.runSetup`). */
  runSetup(setup: Scenario): Promise<SetupOutcome> {
    return this.call((api) => api.runSetup(setup));
  }

  /** The Scale lab's sweep of simulated runs (`EngineApi.scaleSweep`); `onProgress` sees it fill in. */
  scaleSweep(params: ScaleParams, sweep: ScaleSweepParams, onProgress?: (partial: ScaleSweep) => void): Promise<ScaleSweep> {
    return this.call((api, conn) => api.scaleSweep(params, sweep, onProgress && (conn.remote ? Comlink.proxy(onProgress) : onProgress)));
  }

  /** The sharding question's sweep (`EngineApi.shardSweep`); `onProgress` sees it fill in. */
  shardSweep(params: ScaleParams, sweep: ShardSweepParams, onProgress?: (partial: ShardSweep) => void): Promise<ShardSweep> {
    return this.call((api, conn) => api.shardSweep(params, sweep, onProgress && (conn.remote ? Comlink.proxy(onProgress) : onProgress)));
  }

  /** One simulated run with its trace (`EngineApi.simulate`). */
  simulate(params: ScaleParams, strategy: string, workers: number): Promise<SimulatedRun> {
    return this.call((api) => api.simulate(params, strategy, workers));
  }

  /** Cancels the engine's run or reference in progress: that call rejects with `RunCancelled` (`isRunCancelled`). */
  async cancel(): Promise<void> {
    if (!this.conn) return; // no engine yet, so nothing runs
    await this.call((api) => api.cancel());
  }

  dispose(): void {
    void this.conn?.then((c) => c.close()).catch(() => {});
    this.conn = undefined;
  }
}

async function connectWorker(): Promise<Connection> {
  const worker = new Worker(new URL('./coordinator.worker.ts', import.meta.url), { type: 'module', name: 'parallax-coordinator' });
  const life = new Lifeline();
  const die = (e: Error) => life.end(e);
  worker.addEventListener('error', (e) => {
    e.preventDefault();
    die(new Error(`The engine's background worker stopped (${e.message || 'it failed to load or crashed'}). Run again to restart it.`));
  });
  worker.addEventListener('messageerror', () => die(new Error("The engine's background worker sent a message the page could not read.")));
  const api = Comlink.wrap<EngineApi>(worker);
  const close = () => {
    api[Comlink.releaseProxy]();
    worker.terminate();
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${PROBE_MS / 1000} s`)), PROBE_MS)));
    await Promise.race([life.race(() => api.configure(blockBase()).then(() => api.probe())), timeout]);
  } catch (e) {
    close();
    throw e;
  } finally {
    clearTimeout(timer);
  }
  return { api, remote: true, life, close };
}

async function connectInPage(): Promise<Connection> {
  // Loaded only when needed: the normal page never carries the engine's coordinator code itself.
  const [{ EngineHost }, { createBrowserPool }] = await Promise.all([import('./host.ts'), import('../../engine/workers/browserPool.ts')]);
  const host = new EngineHost(createBrowserPool, { blockBase: blockBase() });
  return { api: host, remote: false, life: new Lifeline(), close: () => host.dispose() };
}
