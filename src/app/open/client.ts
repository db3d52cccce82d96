/**
 * The page's handle on the parse worker (`parse.worker.ts`): one promise per request, progress through a callback.
 * If this browser cannot start the worker, the same service runs on the page (slower to draw while it parses, but it
 * opens the file).
 */
import type { OpenOutcome, Progress, Reply, Request } from './types.ts';

type Waiting = { resolve: (o: OpenOutcome) => void; reject: (e: Error) => void; progress?: (p: Progress) => void };

export class ParseClient {
  private worker: Worker | undefined;
  private inPage: Promise<import('./service.ts').OpenService> | undefined;
  private next = 1;
  private readonly waiting = new Map<number, Waiting>();

  request(req: Request, progress?: (p: Progress) => void): Promise<OpenOutcome> {
    const worker = this.start();
    if (!worker) return this.runInPage(req, progress);
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve, reject, progress });
      worker.postMessage({ id, req });
    });
  }

  private start(): Worker | undefined {
    if (this.worker || this.inPage) return this.worker;
    try {
      const worker = new Worker(new URL('./parse.worker.ts', import.meta.url), { type: 'module', name: 'parallax-open' });
      worker.onmessage = (e: MessageEvent<Reply>) => this.reply(e.data);
      worker.onerror = (e) => {
        e.preventDefault();
        this.failAll(`the file reader stopped (${e.message || 'worker error'})`);
        worker.terminate();
        this.worker = undefined;
      };
      this.worker = worker;
    } catch {
      this.worker = undefined;
    }
    return this.worker;
  }

  private reply(r: Reply): void {
    const w = this.waiting.get(r.id);
    if (!w) return;
    if ('progress' in r) return void w.progress?.(r.progress);
    this.waiting.delete(r.id);
    if ('outcome' in r) w.resolve(r.outcome);
    else w.reject(new Error(r.failed));
  }

  private failAll(message: string): void {
    for (const w of this.waiting.values()) w.reject(new Error(message));
    this.waiting.clear();
  }

  private async runInPage(req: Request, progress?: (p: Progress) => void): Promise<OpenOutcome> {
    this.inPage ??= import('./service.ts').then((m) => new m.OpenService());
    return (await this.inPage).handle(req, progress ?? (() => {}));
  }

  dispose(): void {
    this.failAll('the page closed');
    this.worker?.terminate();
    this.worker = undefined;
  }
}
