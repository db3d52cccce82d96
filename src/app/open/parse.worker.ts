/// <reference lib="webworker" />
/**
 * The parse worker: opening a file (reading, JSON parsing, checking, storing) happens here, so a block of many
 * megabytes never freezes the page. One request at a time, answered with progress messages and then an outcome.
 */
import { OpenService } from './service.ts';
import type { Reply, Request } from './types.ts';

const service = new OpenService();
const post = (reply: Reply) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(reply);
let queue: Promise<void> = Promise.resolve();

self.onmessage = (event: MessageEvent<{ id: number; req: Request }>) => {
  const { id, req } = event.data;
  queue = queue.then(async () => {
    try {
      post({ id, outcome: await service.handle(req, (progress) => post({ id, progress })) });
    } catch (e) {
      post({ id, failed: e instanceof Error ? e.message : String(e) });
    }
  });
};
