/** Limits of the run controls: how many workers this machine offers, and what a run starts with. */

/** Logical processors the browser reports (at least 1; 2 when it will not say). */
export function hardwareThreads(nav: { hardwareConcurrency?: number } | undefined = globalThis.navigator): number {
  const n = nav?.hardwareConcurrency;
  return typeof n === 'number' && Number.isFinite(n) && n >= 1 ? Math.floor(n) : 2;
}

/** Four workers, or fewer on a smaller machine. */
export function defaultWorkers(max: number): number {
  return Math.max(1, Math.min(4, max));
}

/** Whatever was typed into the workers field → a whole number in 1..max. */
export function clampWorkers(value: unknown, max: number): number {
  const n = Math.floor(Number(value));
  if (!Number.isFinite(n)) return defaultWorkers(max);
  return Math.min(max, Math.max(1, n));
}
