/**
 * The contract editor's state and what the user can do with it (beside the page's `Session`): the project and its
 * workload, compiling on edit, following the chosen contract, saving and publishing the share string, opening and
 * restoring projects, building the workload. `ContractEditor.svelte` only lays it out and binds to it.
 *
 * Construct it while a component initialises (its `$effect`s belong to that component) and call `mount()` from
 * `onMount`: it flushes the last edit when the page goes away or the editor unmounts.
 */
import { untrack } from 'svelte';
import type { PlacedContracts } from '../../app/explain/index.ts';
import type { Scenario } from '../../engine/scenario/types.ts';
import { compile } from '../../workloads/compiler/browser.ts';
import type { CompileInput, CompileOutput } from '../../workloads/compiler/standardJson.ts';
import { contractInterface } from '../../editor/abiModel.ts';
import { defaultWorkload, followContract } from '../../editor/builtins.ts';
import { type SetupRunner, buildWorkload } from '../../editor/build.ts';
import { type MarkerRange, type ProblemItem, compileStatus, counts, markersFor, problemsOf } from '../../editor/diagnostics.ts';
import { type Store, saveStored } from '../../editor/persist.ts';
import type { Issue } from '../../editor/plan.ts';
import { type Project, compileInput, deployableContracts, findContract, setText } from '../../editor/project.ts';
import { openSession } from '../../editor/session.ts';
import { encodeShare } from '../../editor/share.ts';
import type { WorkloadSpec } from '../../editor/spec.ts';
import type { EditorState } from '../../editor/state.ts';
import { fileOps } from './fileOps.ts';

const COMPILE_DELAY_MS = 500;
const SAVE_DELAY_MS = 300;

/** What the editor hands the page and asks of it (read when used, so a component's props can stand behind it). */
export interface EditorHost {
  runSetup: SetupRunner;
  onScenario: (scenario: Scenario, label: string, abis: Record<string, unknown[]>, contracts: PlacedContracts) => void;
  onShareChange?: (share: string) => void;
}

export class EditorSession {
  project: Project;
  workload: WorkloadSpec | null;
  /** The project "Restore" brings back. */
  previous: EditorState | undefined;
  notices: string[];
  /** The last compiler answer, and the last one without errors (what the builder builds from). */
  latest = $state.raw<CompileOutput | null>(null);
  good = $state.raw<CompileOutput | null>(null);
  compiling = $state(true);
  compileFailure = $state<string | null>(null);
  issues = $state.raw<Issue[]>([]);
  building = $state(false);
  /** Why the last save to local storage did not happen, if it did not. */
  saveNotice = $state<string | undefined>();

  readonly problems = $derived(this.latest ? problemsOf(this.latest) : []);
  readonly tally = $derived(counts(this.problems));
  // (A function: `project` is set in the constructor, and a derived is only read after it.)
  readonly markers = $derived.by(() => Object.fromEntries(this.project.files.map((f) => [f.name, markersFor(this.problems, f.name, f.text)])) as Record<string, MarkerRange[]>);
  readonly contracts = $derived(this.good ? deployableContracts(this.good) : []);
  readonly iface = $derived.by(() => {
    const chosen = this.good && this.workload ? findContract(this.good, this.workload.contract) : undefined;
    return chosen ? contractInterface(chosen.abi) : undefined;
  });
  readonly status = $derived(compileStatus({ compiling: this.compiling, failure: this.compileFailure, contracts: this.contracts.length, ...this.tally }));
  /** Why the workload builder cannot build, or null. */
  readonly blocked = $derived(
    !this.good
      ? 'The project has not compiled yet: fix the errors above to build a workload.'
      : this.contracts.length === 0
        ? 'The project compiles but has no contract to deploy (only interfaces or abstract contracts).'
        : null,
  );

  /** The file tabs' add, rename and delete. */
  readonly files = fileOps(() => this.project, (p) => (this.project = p));

  readonly #store: Store | undefined;
  readonly #host: EditorHost;
  #pending: ReturnType<typeof setTimeout> | undefined;

  /** `compiler`: the page's solc worker; the tests pass the Node build of the same compiler. */
  constructor(store: Store | undefined, initialShare: string | undefined, host: EditorHost, compiler: (input: CompileInput) => Promise<CompileOutput> = compile) {
    this.#store = store;
    this.#host = host;
    const opened = openSession(store, initialShare);
    this.project = $state.raw(opened.state.project);
    this.workload = $state(opened.state.workload);
    this.previous = $state.raw(opened.previous);
    this.notices = $state(store ? opened.notices : [...opened.notices, 'Local storage is off in this browser: edits are not kept after you leave.']);

    // Compile on edit: at once on open, then after a pause in typing; a stale answer is dropped.
    let compileSeq = 0;
    let firstCompile = true;
    $effect(() => {
      const input = compileInput(this.project);
      const seq = ++compileSeq;
      this.compiling = true;
      const timer = setTimeout(() => {
        compiler(input).then(
          (out) => {
            if (seq !== compileSeq) return;
            this.latest = out;
            this.compileFailure = null;
            if (counts(problemsOf(out)).errors === 0) this.good = out;
            this.compiling = false;
          },
          (e: unknown) => {
            if (seq !== compileSeq) return;
            this.compileFailure = e instanceof Error ? e.message : String(e);
            this.compiling = false;
          },
        );
      }, firstCompile ? 0 : COMPILE_DELAY_MS);
      firstCompile = false;
      return () => clearTimeout(timer);
    });

    // A first build with no workload yet: start from the first contract's first function.
    // A build without the workload's contract (a file or the contract renamed): follow it when that is clear.
    $effect(() => {
      if (!this.good) return;
      const current = untrack(() => this.workload);
      const next = followContract(this.good, current);
      if (next !== current) this.workload = next;
    });

    // A share link carries the source and the workload: once it compiles, build it, so the link reproduces the run
    // with one click on Run (a link whose source does not compile stays here with its errors shown).
    let buildFromLink = initialShare !== undefined && this.workload !== null;
    $effect(() => {
      if (!buildFromLink || !this.good || !this.workload) return;
      buildFromLink = false;
      void untrack(() => this.build());
    });

    // Save and publish the share string after every change (debounced); `mount` flushes it when the page goes away.
    $effect(() => {
      JSON.stringify(this.workload); // track every field of the form
      void this.project;
      void this.previous;
      clearTimeout(this.#pending);
      this.#pending = setTimeout(() => this.#persist(), SAVE_DELAY_MS);
    });
  }

  /** Flushes an unsaved edit when the page goes away, and on the returned cleanup (the editor unmounting). */
  mount(win: Pick<Window, 'addEventListener' | 'removeEventListener'>): () => void {
    const flush = () => {
      if (this.#pending !== undefined) this.#persist();
    };
    win.addEventListener('pagehide', flush);
    return () => {
      win.removeEventListener('pagehide', flush);
      clearTimeout(this.#pending);
      flush();
    };
  }

  #current(): EditorState {
    return { project: this.project, workload: this.workload ? (JSON.parse(JSON.stringify(this.workload)) as WorkloadSpec) : null };
  }

  #persist(): void {
    const state = this.#current();
    if (this.#store) this.saveNotice = saveStored(this.#store, state, this.previous);
    this.#host.onShareChange?.(encodeShare(state));
  }

  edit(file: string, text: string): void {
    if (this.project.files.find((f) => f.name === file)?.text !== text) this.project = setText(this.project, file, text);
  }

  select(file: string): void {
    this.project = { ...this.project, active: file };
  }

  /** A read-only project (a built-in contract) made editable. */
  makeEditable(): void {
    this.project = { ...this.project, readOnly: false };
  }

  dismiss(index: number): void {
    this.notices.splice(index, 1);
  }

  /** Replaces the project (a template, a built-in contract), keeping the one it replaces for "Restore". */
  open(next: EditorState, notice: string): void {
    this.previous = this.#current();
    this.project = next.project;
    this.workload = next.workload;
    this.issues = [];
    this.notices = [notice];
  }

  restore(): void {
    if (!this.previous) return;
    const back = this.previous;
    this.previous = this.#current();
    this.project = back.project;
    this.workload = back.workload;
    this.issues = [];
    this.notices = ['Restored your previous project (the one you left is now the one to restore).'];
  }

  /** A problem picked from the list: its file made active; returns where the editor should reveal (null: nowhere). */
  pickProblem(p: ProblemItem): { line: number; column: number } | null {
    if (p.file === undefined || p.line === undefined) return null;
    if (p.file !== this.project.active && this.project.files.some((f) => f.name === p.file)) this.project = { ...this.project, active: p.file };
    return { line: p.line, column: p.column ?? 1 };
  }

  chooseContract(id: string): void {
    const c = this.good ? findContract(this.good, id) : undefined;
    if (c) this.workload = defaultWorkload(id, c.abi);
    this.issues = [];
  }

  async build(): Promise<void> {
    const good = this.good;
    if (!good || !this.workload || this.building) return;
    const spec = JSON.parse(JSON.stringify(this.workload)) as WorkloadSpec;
    const c = findContract(good, spec.contract);
    if (!c) {
      this.issues = [{ field: 'contract', message: `${spec.contract} is not in the last build (it has ${this.contracts.join(', ') || 'no contracts'})` }];
      return;
    }
    this.building = true;
    try {
      const name = spec.contract.slice(spec.contract.lastIndexOf(':') + 1);
      const label = `${name}: ${spec.calls.map((g) => `${g.count} × ${g.fn.replace(/\(.*$/, '')}`).join(', ')}`;
      const r = await buildWorkload(c, spec, this.#host.runSetup, label);
      if (r.ok) {
        this.issues = [];
        this.#host.onScenario(r.built.scenario, label, { [name]: [...c.abi] }, c.doc ? [{ address: r.built.contract, doc: c.doc }] : []);
      } else this.issues = r.issues;
    } catch (e) {
      this.issues = [{ field: 'workload', message: `building failed: ${e instanceof Error ? e.message : String(e)}` }];
    } finally {
      this.building = false;
    }
  }
}
