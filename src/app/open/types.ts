/** What the page knows about a file the user opened (`app/open/`): the worker's answers and the stored entries. */
import type { FileKind } from '../../engine/scenario/fileKind.ts';
import type { Scenario } from '../../engine/scenario/types.ts';

/** A stored file, without its body: what "Your files" lists. */
export interface FileMeta {
  /** A fingerprint of the converted scenario's text: the same file opened twice is one entry. */
  id: string;
  /** The file name(s) as opened (`block.json + trace.json`, `pasted text`). */
  name: string;
  kind: FileKind;
  /** The scenario's name (a fixture's test name, `Mainnet block 19,426,587`). */
  label: string;
  txCount: number;
  /** Characters of the stored scenario text. */
  chars: number;
  addedAt: number;
  /** The scenario packed for a link (`#scenario=…`), or why it cannot travel in one. */
  link: { packed: string } | { tooBig: string };
}

export type Phase = 'reading' | 'parsing' | 'checking' | 'saving';

export interface Progress {
  phase: Phase;
  /** The file being read or checked. */
  name: string;
  /** Bytes read so far and in all (reading only). */
  done?: number;
  total?: number;
}

/** A half of a node dump waiting for the other. */
export interface Pending {
  have: 'rpc-block' | 'rpc-trace';
  name: string;
  /** What the page says: which half is here, and which one is still missing. */
  message: string;
}

export type OpenOutcome =
  | { status: 'opened'; meta: FileMeta; scenario: Scenario; notice?: string }
  | { status: 'half'; pending: Pending }
  | { status: 'pick'; name: string; tests: string[] }
  /** `pending`: a half still waiting, when the failed file was not it. */
  | { status: 'error'; message: string; pending?: Pending };

/** What the page sends the parse worker. Files are `File`s (read in the worker) or text (a paste). */
export type OpenInput = { name: string; file: Blob } | { name: string; text: string };

export type Request =
  | { op: 'open'; inputs: OpenInput[] }
  | { op: 'pick'; test: string }
  | { op: 'cancel-pending' }
  | { op: 'load'; fileId: string }
  | { op: 'import'; packed: string };

export type Reply = { id: number; progress: Progress } | { id: number; outcome: OpenOutcome } | { id: number; failed: string };
