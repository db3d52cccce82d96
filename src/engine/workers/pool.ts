/**
 * `WorkerPool`: N long-lived workers (start-up costs ~0.5 s each, so the pool is started once and kept).
 * Platform-free: a `WorkerFactory` makes the browser `Worker` or the Node `worker_threads` flavour.
 *
 * A worker that crashes, or is terminated, is replaced at once by a fresh one (a new `generation`); calls that were
 * in flight on it reject with `WorkerCrashed`, so the strategy re-initialises the slot and re-runs its tasks.
 */
import type { Remote } from 'comlink';
import { Lifeline } from './lifeline.ts';
import type { WorkerApi } from './protocol.ts';

export interface WorkerPort {
  api: Remote<WorkerApi>;
  terminate(): void;
  /** Called once if the worker dies (error, exit, termination). */
  onDeath(cb: (reason: string) => void): void;
}

export type WorkerFactory = (index: number) => WorkerPort;

export class WorkerCrashed extends Error {
  /** `fatal`: the pool gave up replacing workers; retrying is pointless. */
  constructor(readonly worker: number, readonly reason: string, readonly fatal = false) {
    super(`worker ${worker} crashed: ${reason}`);
  }
}

const CRASH_WINDOW_MS = 5_000;
const MAX_CRASHES_IN_WINDOW = 8;

interface Slot {
  port: WorkerPort;
  generation: number;
  /** The calls in flight race it (see `Lifeline` for why not `Promise.race`). */
  life: Lifeline;
  die: (reason: string) => void;
}

export class WorkerPool {
  private slots: Slot[] = [];
  private disposed = false;
  private recentCrashes: number[] = [];
  /** Set once workers crash too often to be worth replacing. */
  brokenReason?: string;
  /** Workers replaced after a crash since the pool started. */
  restarts = 0;
  private listeners = new Set<(worker: number, reason: string) => void>();

  constructor(private readonly factory: WorkerFactory, size = 0) {
    this.ensure(size);
  }

  get size(): number {
    return this.slots.length;
  }

  /** Makes sure at least `n` workers exist. */
  ensure(n: number): void {
    while (this.slots.length < n) this.slots.push(this.spawn(this.slots.length, 0));
  }

  generation(i: number): number {
    return this.slots[i].generation;
  }

  api(i: number): Remote<WorkerApi> {
    return this.slots[i].port.api;
  }

  /**
   * Runs `fn` on worker `i`; rejects with `WorkerCrashed` if that worker dies first — or has already been replaced
   * since `generation`, when given (the caller initialised that generation, not its replacement).
   */
  call<T>(i: number, fn: (api: Remote<WorkerApi>) => Promise<T>, generation?: number): Promise<T> {
    if (this.brokenReason !== undefined) return Promise.reject(new WorkerCrashed(i, this.brokenReason, true));
    const slot = this.slots[i];
    if (generation !== undefined && slot.generation !== generation) return Promise.reject(new WorkerCrashed(i, 'replaced'));
    return slot.life.race(() => fn(slot.port.api));
  }

  /** After a crash storm: forgets it and replaces the workers that were not, so the next run may try again. */
  revive(): void {
    if (this.brokenReason === undefined || this.disposed) return;
    this.brokenReason = undefined;
    this.recentCrashes = [];
    this.slots = this.slots.map((s, i) => (s.life.dead ? this.spawn(i, s.generation + 1) : s));
  }

  /** Subscribes to crashes (the pool has already replaced the worker when this fires). */
  onCrash(cb: (worker: number, reason: string) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Kills worker `i` as a crash would (fault injection, or a stuck worker). */
  kill(i: number): void {
    this.slots[i].die('terminated');
  }

  dispose(): void {
    this.disposed = true;
    for (const s of this.slots) s.port.terminate();
    this.slots = [];
  }

  private spawn(i: number, generation: number): Slot {
    const port = this.factory(i);
    const slot: Slot = {
      port,
      generation,
      life: new Lifeline(),
      die: (reason) => {
        if (this.disposed || this.slots[i] !== slot || slot.life.dead) return;
        port.terminate();
        this.restarts++;
        const now = Date.now();
        this.recentCrashes = this.recentCrashes.filter((t) => now - t < CRASH_WINDOW_MS);
        this.recentCrashes.push(now);
        if (this.recentCrashes.length > MAX_CRASHES_IN_WINDOW) {
          // Workers that cannot even start (a script that fails to load, a policy forbidding workers) would be
          // replaced forever: give up and say why.
          this.brokenReason = `workers keep crashing (${this.recentCrashes.length} in ${CRASH_WINDOW_MS / 1000} s); last: ${reason}`;
        }
        slot.life.end(new WorkerCrashed(i, this.brokenReason ?? reason, this.brokenReason !== undefined));
        if (this.brokenReason === undefined) this.slots[i] = this.spawn(i, generation + 1);
        for (const l of this.listeners) l(i, reason);
      },
    };
    port.onDeath((reason) => slot.die(reason));
    return slot;
  }
}
