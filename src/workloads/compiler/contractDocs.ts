/**
 * What the page needs to explain a conflict in a contract's own words, read from solc's output: the storage layout
 * (which slot holds which variable, so a state key can be named `Pool.reserve0` or `Token.balances[Bob]`) and, per
 * external function, which state variables it reads and writes on which source line and which other contracts'
 * functions it calls.
 *
 * The accesses come from the AST, not from running anything: a function's own body, the internal functions and
 * modifiers it reaches (transitively), and local `storage` pointers (`Proposal storage p = proposals[id]`) resolved to
 * the variable they point into. solc marks every expression it assigns to (`lValueRequested`); `x += 1`, `x++` and
 * `push` both read and write. External calls are recorded by name only (`Token.transferFrom`): what they touch is
 * the callee's own entry in its contract's doc.
 */
import { type SolcLayout, type StorageVar, storageOf } from './storageLayout.ts';

export type { StorageType, StorageVar } from './storageLayout.ts';

export interface Access {
  variable: string;
  /** The struct member, when the access names one (`p.yes`). */
  member?: string;
  file: string;
  /** 1-based. */
  line: number;
  /** That line of source, trimmed (what the page quotes). */
  text: string;
}

export interface FunctionDoc {
  name: string;
  /** `0x` + 4 bytes; absent for a constructor, receive or fallback. */
  selector?: string;
  file: string;
  line: number;
  reads: Access[];
  writes: Access[];
  /** External calls it makes, `Contract.function`. */
  calls: string[];
}

export interface ContractDoc {
  name: string;
  file: string;
  storage: StorageVar[];
  functions: FunctionDoc[];
  /** keccak256 of the runtime code (`0x` hex) and its length in bytes: how a pre-state account is recognised. */
  codeHash?: string;
  codeLength?: number;
  /** The same for the creation code (a deployment's input starts with it; constructor arguments follow). */
  creationHash?: string;
  creationLength?: number;
}

type Node = { nodeType: string; id: number; src: string } & Record<string, unknown>;

/** Byte offset → 1-based line, per file. */
function lineTable(text: string): (byte: number) => number {
  const bytes = new TextEncoder().encode(text);
  const starts = [0];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) starts.push(i + 1);
  return (byte) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= byte) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function isNode(x: unknown): x is Node {
  return typeof x === 'object' && x !== null && typeof (x as Node).nodeType === 'string';
}

function children(n: Node): Node[] {
  const out: Node[] = [];
  for (const v of Object.values(n)) {
    if (isNode(v)) out.push(v);
    else if (Array.isArray(v)) for (const x of v) if (isNode(x)) out.push(x);
  }
  return out;
}

/** `ref`: the expression only names storage (a local `storage` pointer's initialiser), it reads nothing yet. */
type Mode = 'read' | 'write' | 'readwrite' | 'ref';

interface Found {
  reads: Access[];
  writes: Access[];
  calls: string[];
}

/**
 * Contract docs for every contract in a compile: `asts` is solc's `sources` output (file → `{ id, ast }`), `layouts`
 * file → contract → `storageLayout`, `texts` the source texts (for line numbers).
 */
export function contractDocs(
  asts: Record<string, { id: number; ast?: unknown }>,
  layouts: Record<string, Record<string, SolcLayout | undefined>>,
  texts: Record<string, string>,
): Record<string, Record<string, ContractDoc>> {
  const byId = new Map<number, Node>();
  const fileOfIndex = new Map<number, string>();
  const lines = new Map<string, (byte: number) => number>();
  const sourceLines = new Map<string, string[]>();
  const scopeOf = new Map<number, Node>(); // declaration id → the contract it belongs to
  for (const [file, s] of Object.entries(asts)) {
    fileOfIndex.set(s.id, file);
    lines.set(file, lineTable(texts[file] ?? ''));
    sourceLines.set(file, (texts[file] ?? '').split('\n'));
    if (!isNode(s.ast)) continue;
    const index = (n: Node, contract: Node | undefined): void => {
      byId.set(n.id, n);
      const inside = n.nodeType === 'ContractDefinition' ? n : contract;
      if (inside && n !== inside) scopeOf.set(n.id, inside);
      for (const c of children(n)) index(c, inside);
    };
    index(s.ast, undefined);
  }
  const where = (n: Node): { file: string; line: number } => {
    const [start, , index] = n.src.split(':').map(Number);
    const file = fileOfIndex.get(index!) ?? '';
    return { file, line: lines.get(file)?.(start!) ?? 0 };
  };
  const quote = (n: Node): { file: string; line: number; text: string } => {
    const w = where(n);
    return { ...w, text: (sourceLines.get(w.file)?.[w.line - 1] ?? '').trim().slice(0, 120) };
  };
  const isStateVar = (d: Node | undefined): d is Node =>
    d?.nodeType === 'VariableDeclaration' && d.stateVariable === true && d.constant !== true && d.mutability !== 'immutable';

  const memo = new Map<number, Found>();
  /** Accesses of a function or modifier body, with those of everything internal it reaches. */
  const analyse = (fn: Node): Found => {
    const hit = memo.get(fn.id);
    if (hit) return hit;
    const found: Found = { reads: [], writes: [], calls: [] };
    memo.set(fn.id, found); // recursion ends here
    const aliases = new Map<number, string>();
    const merge = (f: Found) => {
      found.reads.push(...f.reads);
      found.writes.push(...f.writes);
      found.calls.push(...f.calls);
    };
    const rootVar = (e: unknown): string | undefined => {
      if (!isNode(e)) return undefined;
      if (e.nodeType === 'Identifier') {
        const d = byId.get(e.referencedDeclaration as number);
        return isStateVar(d) ? (d.name as string) : aliases.get(e.referencedDeclaration as number);
      }
      if (e.nodeType === 'IndexAccess') return rootVar(e.baseExpression);
      if (e.nodeType === 'MemberAccess') return rootVar(e.expression);
      return undefined;
    };
    const visit = (n: Node, mode: Mode, member?: string): void => {
      switch (n.nodeType) {
        case 'Assignment':
          visit(n.leftHandSide as Node, n.operator === '=' ? 'write' : 'readwrite');
          visit(n.rightHandSide as Node, 'read');
          return;
        case 'UnaryOperation': {
          const op = n.operator as string;
          visit(n.subExpression as Node, op === '++' || op === '--' ? 'readwrite' : op === 'delete' ? 'write' : 'read');
          return;
        }
        case 'IndexAccess':
          visit(n.baseExpression as Node, mode, member);
          if (isNode(n.indexExpression)) visit(n.indexExpression, 'read');
          return;
        case 'TupleExpression':
          for (const c of (n.components as unknown[]) ?? []) if (isNode(c)) visit(c, mode);
          return;
        case 'MemberAccess': {
          const target = byId.get(n.referencedDeclaration as number);
          const on = n.expression as Node;
          if (target?.nodeType === 'FunctionDefinition') {
            const type = ((on.typeDescriptions as { typeIdentifier?: string } | undefined)?.typeIdentifier ?? '');
            if (type.startsWith('t_contract')) found.calls.push(`${(scopeOf.get(target.id)?.name as string) ?? '?'}.${target.name as string}`);
            else merge(analyse(target)); // super.f(), Base.f(): internal
            visit(on, 'read');
            return;
          }
          visit(on, mode, member ?? (rootVar(on) !== undefined ? (n.memberName as string) : undefined));
          return;
        }
        case 'Identifier': {
          const id = n.referencedDeclaration as number;
          const d = byId.get(id);
          const variable = isStateVar(d) ? (d.name as string) : aliases.get(id);
          if (variable !== undefined) {
            const a: Access = { variable, ...(member ? { member } : {}), ...quote(n) };
            if (mode === 'read' || mode === 'readwrite') found.reads.push(a);
            if (mode === 'write' || mode === 'readwrite') found.writes.push(a);
          } else if (d?.nodeType === 'FunctionDefinition' || d?.nodeType === 'ModifierDefinition') merge(analyse(d));
          return;
        }
        case 'FunctionCall': {
          const callee = n.expression as Node;
          // `arr.push(x)` / `arr.pop()` on a storage array change it.
          if (callee.nodeType === 'MemberAccess' && (callee.memberName === 'push' || callee.memberName === 'pop') && rootVar(callee.expression) !== undefined) {
            visit(callee.expression as Node, 'readwrite');
          } else visit(callee, 'read');
          for (const a of (n.arguments as unknown[]) ?? []) if (isNode(a)) visit(a, 'read');
          return;
        }
        case 'VariableDeclarationStatement': {
          const decls = (n.declarations as (Node | null)[]) ?? [];
          const init = n.initialValue;
          const v = decls.length === 1 && decls[0]?.storageLocation === 'storage' ? rootVar(init) : undefined;
          if (v !== undefined) aliases.set(decls[0]!.id, v);
          if (isNode(init)) visit(init, v !== undefined ? 'ref' : 'read');
          return;
        }
        case 'ModifierInvocation': {
          const m = byId.get((n.modifierName as Node | undefined)?.referencedDeclaration as number);
          if (m?.nodeType === 'ModifierDefinition') merge(analyse(m));
          for (const a of (n.arguments as unknown[]) ?? []) if (isNode(a)) visit(a, 'read');
          return;
        }
        default:
          for (const c of children(n)) visit(c, 'read');
      }
    };
    for (const m of (fn.modifiers as Node[]) ?? []) visit(m, 'read');
    if (isNode(fn.body)) visit(fn.body, 'read');
    found.reads = dedupe(found.reads);
    found.writes = dedupe(found.writes);
    found.calls = [...new Set(found.calls)];
    return found;
  };

  const out: Record<string, Record<string, ContractDoc>> = {};
  for (const [file, perContract] of Object.entries(layouts)) {
    for (const [name, layout] of Object.entries(perContract)) {
      const contract = [...byId.values()].find((n) => n.nodeType === 'ContractDefinition' && n.name === name && where(n).file === file);
      const functions: FunctionDoc[] = [];
      const seen = new Set<string>();
      for (const baseId of (contract?.linearizedBaseContracts as number[]) ?? []) {
        for (const n of children(byId.get(baseId) ?? ({ nodeType: '', id: -1, src: '' } as Node))) {
          const public_ = n.visibility === 'public' || n.visibility === 'external';
          const key = (n.functionSelector as string | undefined) ?? (n.kind === 'receive' || n.kind === 'fallback' ? (n.kind as string) : undefined);
          if (!public_ || key === undefined || seen.has(key)) continue;
          if (n.nodeType === 'FunctionDefinition' && n.implemented === true) {
            seen.add(key);
            const f = analyse(n);
            functions.push({ name: n.kind === 'function' ? (n.name as string) : (n.kind as string), ...(n.functionSelector ? { selector: `0x${n.functionSelector as string}` } : {}), ...where(n), ...f });
          } else if (isStateVar(n)) {
            seen.add(key);
            const a: Access = { variable: n.name as string, ...quote(n) };
            functions.push({ name: n.name as string, selector: `0x${key}`, ...where(n), reads: [a], writes: [], calls: [] });
          }
        }
      }
      (out[file] ??= {})[name] = { name, file, storage: storageOf(layout), functions };
    }
  }
  return out;
}

function dedupe(list: Access[]): Access[] {
  const seen = new Set<string>();
  return list
    .filter((a) => {
      const k = `${a.variable}.${a.member ?? ''}@${a.file}:${a.line}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    })
    .sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
}
