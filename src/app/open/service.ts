/**
 * The parse worker's work (`parse.worker.ts` is its entry; the page calls this directly when it cannot start a
 * worker): read each file in chunks with progress, parse it, let `Opener` decide, and keep an opened file — the
 * converted scenario's canonical text, with its link form when small enough — in IndexedDB (`store.ts`). A big file
 * costs this thread seconds; the page's thread only draws the progress.
 */
import { hasRlpOnlyBlocks } from '../../engine/scenario/fixture.ts';
import { parseJsonText } from '../../engine/scenario/jsonText.ts';
import { loadScenarioText } from '../../engine/scenario/load.ts';
import { serializeScenario } from '../../engine/scenario/serialize.ts';
import type { FileKind } from '../../engine/scenario/fileKind.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import { MAX_PACKED, MAX_UNPACKED, PackError, packText, unpackText } from '../pack.ts';
import { Opener, type Decision, type Parsed } from './opener.ts';
import { readFile, saveFile } from './store.ts';
import type { FileMeta, OpenInput, OpenOutcome, Pending, Progress, Request } from './types.ts';

/** Progress is posted at most this often while a file is read (a message per chunk would flood the page). */
const PROGRESS_EVERY_MS = 50;

export interface ServiceDeps {
  save?: (meta: FileMeta, text: string) => Promise<void>;
  read?: (id: string) => Promise<{ meta: FileMeta; text: string } | undefined>;
  now?: () => number;
}

export class OpenService {
  private readonly opener = new Opener();

  constructor(private readonly deps: ServiceDeps = {}) {}

  async handle(req: Request, progress: (p: Progress) => void): Promise<OpenOutcome> {
    switch (req.op) {
      case 'open': {
        const parsed: Parsed[] = [];
        for (const input of req.inputs) {
          const text = await readInput(input, progress);
          progress({ phase: 'parsing', name: input.name });
          try {
            parsed.push({ name: input.name, json: parseJsonText(text, input.name) });
          } catch (e) {
            return { status: 'error', message: (e as Error).message, ...this.pendingPart() };
          }
        }
        progress({ phase: 'checking', name: req.inputs.map((i) => i.name).join(' + ') });
        // A blockchain test with blocks given only as RLP needs the block decoder: loaded then, not with the page.
        if (this.opener.decodeRlp === undefined && parsed.some((p) => hasRlpOnlyBlocks(p.json))) this.opener.decodeRlp = (await import('../../engine/evm/blockRlp.ts')).decodeBlockRlp;
        return this.finish(this.opener.open(parsed), progress);
      }
      case 'pick':
        progress({ phase: 'checking', name: req.test });
        return this.finish(this.opener.pick(req.test), progress);
      case 'cancel-pending':
        this.opener.cancelPending();
        return { status: 'error', message: '' };
      case 'load': {
        const stored = await (this.deps.read ?? readFile)(req.fileId);
        if (!stored) return { status: 'error', message: 'this file is no longer stored in this browser: open it again' };
        progress({ phase: 'checking', name: stored.meta.name });
        try {
          return { status: 'opened', meta: stored.meta, scenario: loadScenarioText(stored.text, { sourceName: stored.meta.name }) };
        } catch (e) {
          return { status: 'error', message: `the stored copy of ${stored.meta.name} could not be read (${(e as Error).message}): open the file again` };
        }
      }
      case 'import': {
        let text: string;
        try {
          text = unpackText(req.packed, MAX_UNPACKED);
        } catch (e) {
          return { status: 'error', message: `the link's scenario: ${e instanceof PackError ? e.message : String(e)}` };
        }
        progress({ phase: 'checking', name: 'the link' });
        let scenario: Scenario;
        try {
          scenario = loadScenarioText(text, { sourceName: 'the link’s scenario' });
        } catch (e) {
          return { status: 'error', message: (e as Error).message };
        }
        return this.keep('scenario', 'a shared link', scenario, progress);
      }
    }
  }

  private pendingPart(): { pending?: Pending } {
    const p = this.opener.pending;
    return p ? { pending: p } : {};
  }

  private async finish(d: Decision, progress: (p: Progress) => void): Promise<OpenOutcome> {
    if (d.status !== 'opened') return d;
    return this.keep(d.kind, d.name, d.scenario, progress);
  }

  /** Stores the scenario as its canonical text; a storage failure still opens the file, with a notice. */
  private async keep(kind: FileKind, name: string, scenario: Scenario, progress: (p: Progress) => void): Promise<OpenOutcome> {
    progress({ phase: 'saving', name });
    const text = serializeScenario(scenario);
    const meta: FileMeta = {
      id: fingerprint(text),
      name,
      kind,
      label: scenario.name,
      txCount: scenario.transactions.length,
      chars: text.length,
      addedAt: (this.deps.now ?? Date.now)(),
      link: linkForm(text),
    };
    try {
      await (this.deps.save ?? saveFile)(meta, text);
      return { status: 'opened', meta, scenario };
    } catch (e) {
      return { status: 'opened', meta, scenario, notice: `${name} is open, but it could not be kept in this browser (${(e as Error).message}): it will not survive a reload.` };
    }
  }
}

/** The scenario packed for a link, or why it is too big for one (the limits of `pack.ts`, which a link's reader applies). */
export function linkForm(text: string): FileMeta['link'] {
  const kb = (n: number) => `${Math.round(n / 1024).toLocaleString('en-US')} KB`;
  // Packing a text the reader would refuse to unpack is wasted work.
  // The reader's limit is in bytes (UTF-8); a name or label may hold characters of several.
  const bytes = text.length > MAX_UNPACKED ? text.length : new TextEncoder().encode(text).length;
  if (bytes > MAX_UNPACKED) return { tooBig: `the scenario is ${kb(bytes)}; a link carries at most ${kb(MAX_UNPACKED)} unpacked` };
  const packed = packText(text);
  if (packed.length > MAX_PACKED) return { tooBig: `the scenario packs to ${kb(packed.length)}; a link carries at most ${kb(MAX_PACKED)}` };
  return { packed };
}

/** Reads a file in chunks, reporting progress; a paste is text already. */
async function readInput(input: OpenInput, progress: (p: Progress) => void): Promise<string> {
  if ('text' in input) return input.text;
  const total = input.file.size;
  progress({ phase: 'reading', name: input.name, done: 0, total });
  const reader = input.file.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  const parts: string[] = [];
  let done = 0;
  let last = 0;
  for (;;) {
    const chunk = await reader.read();
    if (chunk.done) break;
    done += chunk.value.byteLength;
    parts.push(decoder.decode(chunk.value, { stream: true }));
    const now = Date.now();
    if (now - last >= PROGRESS_EVERY_MS) {
      last = now;
      progress({ phase: 'reading', name: input.name, done, total });
    }
  }
  parts.push(decoder.decode());
  progress({ phase: 'reading', name: input.name, done: total, total });
  return parts.join('');
}

/** FNV-1a over the text, and its length: the same scenario gets the same id. */
function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return `${(h >>> 0).toString(16).padStart(8, '0')}-${text.length.toString(36)}`;
}
