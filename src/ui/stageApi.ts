/** What the page can ask of whichever stage is showing (the single-run stage also steps and finds conflicts). */
export interface StageApi {
  play(): void;
  pause(): void;
  toggle(): void;
  seek(tMicros: number): void;
  setSpeed(factor: number): void;
  getSpeed(): number;
  exportSvg(): string;
  exportPng(): Promise<Blob>;
  metricsCsv(): string;
  /** Resolves once the playhead has reached the end of the finished run (the single-run stage only). */
  replayed?(): Promise<void>;
  step?(dir: 1 | -1): void;
  nextConflict?(): void;
  prevConflict?(): void;
}
