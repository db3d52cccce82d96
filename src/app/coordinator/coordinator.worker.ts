/**
 * The coordinator Web Worker: runs strategies, generates presets and computes roots off the page's main thread,
 * and owns the EVM worker pool (module workers nested in this one). The page only draws.
 */
import * as Comlink from 'comlink';
import { createBrowserPool } from '../../engine/workers/browserPool.ts';
import { EngineHost } from './host.ts';

// The page sends the real blocks folder with `configure` before anything is loaded.
Comlink.expose(new EngineHost(createBrowserPool, { blockBase: new URL('./', self.location.href).href }));
