/**
 * What the page opens with: the link's setup if it has one (fields it leaves out come from the stored setup), else
 * the stored setup, else the default; a broken link is refused with a message naming the field, and the default is
 * loaded instead. Parameters nobody reads and unknown lessons are named too (`linkParams.ts`). The last run is shown again when it was made on the scenario the page opens with.
 */
import { LESSONS } from './lessons.ts';
import { linkNotice } from './linkParams.ts';
import type { LastRun, Stored } from './persist.ts';
import { type Setup, decodeSetup, defaultSetup, sameScenario } from './setup.ts';

export interface StartNotice {
  id: 'link' | 'link-params' | 'storage' | 'workers';
  kind: 'info' | 'warn' | 'error';
  text: string;
}

export interface Start {
  setup: Setup;
  notices: StartNotice[];
  restore?: LastRun;
}

export function startup(href: string, stored: Stored, storageNotice: string | undefined, maxWorkers: number): Start {
  const notices: StartNotice[] = [];
  if (storageNotice) notices.push({ id: 'storage', kind: 'warn', text: storageNotice });
  // Two to four workers by default, never more than the machine's threads.
  const base = defaultSetup(Math.min(maxWorkers, Math.max(2, Math.min(4, maxWorkers))));
  let setup = stored.setup ?? base;
  const url = new URL(href);
  if (url.search.length > 1 || url.hash.includes('code=')) {
    const decoded = decodeSetup(url, setup);
    if (decoded.ok) setup = decoded.setup;
    else {
      notices.push({ id: 'link', kind: 'error', text: `This link could not be used — ${decoded.message}. The default scenario is loaded instead.` });
      setup = base;
    }
  }
  const rest = linkNotice(href, LESSONS.map((l) => l.id));
  if (rest) notices.push(rest);
  const clamped = clampSetupWorkers(setup, maxWorkers);
  if (clamped.notice) notices.push(clamped.notice);
  const restore = stored.last && sameScenario(stored.last.setup.scenario, clamped.setup.scenario) ? stored.last : undefined;
  return { setup: clamped.setup, notices, ...(restore ? { restore } : {}) };
}

/** A setup asking for more workers than the machine has threads runs with as many as it has, and says so. */
export function clampSetupWorkers(setup: Setup, maxWorkers: number): { setup: Setup; notice?: StartNotice } {
  const workers = Math.max(1, Math.min(maxWorkers, setup.workers));
  if (workers === setup.workers) return { setup };
  return {
    setup: { ...setup, workers },
    notice: { id: 'workers', kind: 'info', text: `This machine offers ${maxWorkers} threads, so the run uses ${workers} workers instead of ${setup.workers}.` },
  };
}
