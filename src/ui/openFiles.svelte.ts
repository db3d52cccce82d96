/**
 * The page's side of opening files (button, drop, paste, a shared link): the parse worker's progress and answers as
 * reactive state, and "Your files" — what this browser keeps (`app/open/store.ts`). The session owns one and is told
 * when a file opened (`onopened`) or went (`onremoved`); the setup panel draws it.
 */
import { ParseClient } from '../app/open/client.ts';
import { listFiles, removeFile } from '../app/open/store.ts';
import type { FileMeta, OpenInput, OpenOutcome, Pending, Progress, Request } from '../app/open/types.ts';
import type { Scenario } from '../engine/scenario/types.ts';

export interface OpenHost {
  onopened(meta: FileMeta, scenario: Scenario): void;
  onremoved(id: string): void;
  notify(id: string, kind: 'info' | 'warn' | 'error', text: string): void;
}

/** The hash parameter a file's link carries its packed scenario in. */
export const LINK_PARAM = 'scenario';

export class OpenFiles {
  list = $state.raw<FileMeta[]>([]);
  progress = $state.raw<Progress | null>(null);
  pending = $state.raw<Pending | null>(null);
  /** A blockchain-test file with several tests, waiting for the user's pick. */
  picking = $state.raw<{ name: string; tests: string[] } | null>(null);
  message = $state.raw<{ kind: 'error' | 'info'; text: string } | null>(null);
  working = $state(false);
  private client: ParseClient | undefined;

  constructor(private readonly host: OpenHost) {}

  /** Reads the stored list ("Your files"). */
  async refresh(): Promise<void> {
    try {
      this.list = await listFiles();
    } catch (e) {
      this.host.notify('files', 'warn', `Your opened files cannot be kept in this browser (${(e as Error).message}): they will not survive a reload.`);
    }
  }

  open(inputs: OpenInput[]): Promise<void> {
    return this.ask({ op: 'open', inputs });
  }

  choose(test: string): Promise<void> {
    return this.ask({ op: 'pick', test });
  }

  async cancelPending(): Promise<void> {
    this.pending = null;
    this.message = null;
    await this.request({ op: 'cancel-pending' }).catch(() => undefined);
  }

  /** A stored file's scenario (a reload, or a pick from "Your files"); undefined, with a message, when it is gone. */
  async load(id: string): Promise<{ meta: FileMeta; scenario: Scenario } | undefined> {
    try {
      const out = await this.request({ op: 'load', fileId: id });
      if (out.status === 'opened') return { meta: out.meta, scenario: out.scenario };
      if (out.status === 'error') this.message = { kind: 'error', text: out.message };
    } catch (e) {
      this.message = { kind: 'error', text: (e as Error).message };
    } finally {
      this.progress = null;
    }
    return undefined;
  }

  async remove(id: string): Promise<void> {
    try {
      await removeFile(id);
    } catch (e) {
      this.message = { kind: 'error', text: `Could not remove it: ${(e as Error).message}` };
      return;
    }
    this.list = this.list.filter((f) => f.id !== id);
    this.host.onremoved(id);
  }

  /** The link that opens `meta`'s scenario anywhere: `pageLink` (the setup's) with the packed scenario in its hash. */
  link(meta: FileMeta, pageLink: string): { ok: true; url: string } | { ok: false; why: string } {
    if (!('packed' in meta.link)) return { ok: false, why: `Too big for a link: ${meta.link.tooBig}. Share the file itself instead.` };
    const url = new URL(pageLink);
    const hash = new URLSearchParams(url.hash.slice(1));
    hash.set(LINK_PARAM, meta.link.packed);
    url.hash = hash.toString();
    return { ok: true, url: url.href };
  }

  /** A link with `#scenario=…` opens that scenario as one of "Your files"; the parameter leaves the address bar. */
  async importFromLink(location: Location, history: History): Promise<void> {
    const url = new URL(location.href);
    const hash = new URLSearchParams(url.hash.slice(1));
    const packed = hash.get(LINK_PARAM);
    if (packed === null) return;
    hash.delete(LINK_PARAM);
    url.hash = hash.toString();
    try {
      history.replaceState(history.state, '', url.href);
    } catch {
      // a sandboxed frame: the link stays as it was
    }
    await this.ask({ op: 'import', packed });
  }

  private async ask(req: Request): Promise<void> {
    this.message = null;
    this.working = true;
    try {
      this.settle(await this.request(req));
    } catch (e) {
      this.message = { kind: 'error', text: `The file could not be opened: ${(e as Error).message}` };
    } finally {
      this.working = false;
      this.progress = null;
    }
  }

  private request(req: Request): Promise<OpenOutcome> {
    this.client ??= new ParseClient();
    return this.client.request(req, (p) => (this.progress = p));
  }

  private settle(out: OpenOutcome): void {
    switch (out.status) {
      case 'opened':
        this.pending = null;
        this.picking = null;
        this.list = [out.meta, ...this.list.filter((f) => f.id !== out.meta.id)];
        this.message = { kind: 'info', text: `Opened ${out.meta.label} (${out.meta.txCount.toLocaleString('en-US')} transaction${out.meta.txCount === 1 ? '' : 's'}) from ${out.meta.name}.` };
        if (out.notice) this.host.notify('files', 'warn', out.notice);
        this.host.onopened(out.meta, out.scenario);
        return;
      case 'half':
        this.pending = out.pending;
        return;
      case 'pick':
        this.picking = { name: out.name, tests: out.tests };
        return;
      case 'error':
        this.pending = out.pending ?? this.pending;
        if (out.message) this.message = { kind: 'error', text: out.message };
        return;
    }
  }

  dispose(): void {
    this.client?.dispose();
  }
}
