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
  step?(dir: 1 | -1): void;
  nextConflict?(): void;
  prevConflict?(): void;
}
