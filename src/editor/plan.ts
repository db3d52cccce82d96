/**
 * `planWorkload`: a `WorkloadSpec` checked against the contract's interface. Every problem is collected with the
 * field it belongs to (`calls[0].args.to.accounts: …`), all at once, so the form can mark each field; what passes
 * becomes samplers and parsed amounts that `build.ts` only has to run.
 */
import { type AbiFunction, type ContractInterface, findFunction } from './abiModel.ts';
import { type ArgSpec, type Sampler, compileArg, isProblem } from './args.ts';
import { LIMITS, type WorkloadSpec } from './spec.ts';
import { parseInteger } from './values.ts';

export interface Issue {
  /** Path of the bad field in the spec, e.g. `calls[0].count`. */
  field: string;
  message: string;
}

export const formatIssue = (i: Issue): string => `${i.field}: ${i.message}`;

export interface PlannedSetup {
  fn: AbiFunction;
  from: 'deployer' | 'each-sender';
  args: Sampler[];
  value: bigint;
  field: string;
}

export interface PlannedGroup {
  fn: AbiFunction;
  count: number;
  args: Sampler[];
  value: Sampler;
  /** The largest value a call can send (what a sender's balance must cover). */
  maxValue: bigint;
  gas: bigint;
}

export interface Plan {
  constructorArgs: Sampler[];
  senders: number;
  balance: bigint;
  seed: number;
  setup: PlannedSetup[];
  calls: PlannedGroup[];
}

function wholeIn(x: number, lo: number, hi: number): boolean {
  return Number.isInteger(x) && x >= lo && x <= hi;
}

function argFields(fn: AbiFunction, specs: ArgSpec[], base: string, issues: Issue[]): Sampler[] {
  if (specs.length !== fn.inputs.length) {
    issues.push({ field: `${base}.args`, message: `${fn.signature} takes ${fn.inputs.length} argument(s), the workload gives ${specs.length}` });
    return [];
  }
  return fn.inputs.map((p, i) => {
    const r = compileArg(specs[i]!, p.type);
    if (!isProblem(r)) return r;
    const at = `${base}.args.${p.name}`;
    issues.push({ field: r.field === '' ? at : `${at}.${r.field}`, message: r.message });
    return () => 0n;
  });
}

function amount(text: string, field: string, issues: Issue[]): bigint {
  const v = parseInteger(text);
  if (typeof v === 'string' || v < 0n) {
    issues.push({ field, message: typeof v === 'string' ? v : 'expected an amount ≥ 0' });
    return 0n;
  }
  return v;
}

function functionAt(iface: ContractInterface, signature: string, field: string, issues: Issue[], payableValue: boolean): AbiFunction | undefined {
  const f = findFunction(iface, signature);
  if (typeof f === 'string') {
    issues.push({ field, message: f });
    return undefined;
  }
  if (f.unsupported) {
    issues.push({ field, message: f.unsupported });
    return undefined;
  }
  if (payableValue && !f.payable) issues.push({ field: field.replace(/\.fn$/, '.value'), message: `${f.signature} is not payable: send 0` });
  return f;
}

/** Checks `spec` against `iface`; the plan, or every issue found. */
export function planWorkload(iface: ContractInterface, spec: WorkloadSpec): { ok: true; plan: Plan } | { ok: false; issues: Issue[] } {
  const issues: Issue[] = [];
  if (!wholeIn(spec.senders, 1, LIMITS.senders)) issues.push({ field: 'senders', message: `expected a whole number from 1 to ${LIMITS.senders}, got ${spec.senders}` });
  if (!wholeIn(spec.seed, 0, 2 ** 32 - 1)) issues.push({ field: 'seed', message: `expected a whole number from 0 to ${2 ** 32 - 1}, got ${spec.seed}` });
  const balance = amount(spec.balance, 'balance', issues);
  if (iface.constructor.unsupported) issues.push({ field: 'constructor', message: iface.constructor.unsupported });
  const constructorArgs = argFields(iface.constructor, spec.constructorArgs, 'constructor', issues);

  const setup: PlannedSetup[] = [];
  let setupTxs = 0;
  spec.setup.forEach((s, i) => {
    const base = `setup[${i}]`;
    const value = amount(s.value, `${base}.value`, issues);
    const fn = functionAt(iface, s.fn, `${base}.fn`, issues, value > 0n);
    setupTxs += s.from === 'each-sender' ? spec.senders : 1;
    if (fn) setup.push({ fn, from: s.from, args: argFields(fn, s.args, base, issues), value, field: base });
  });
  if (setupTxs > LIMITS.setupTxs) issues.push({ field: 'setup', message: `${setupTxs} setup transactions; at most ${LIMITS.setupTxs}` });

  const calls: PlannedGroup[] = [];
  let total = 0;
  if (spec.calls.length === 0) issues.push({ field: 'calls', message: 'add at least one function to call' });
  spec.calls.forEach((c, i) => {
    const base = `calls[${i}]`;
    if (!wholeIn(c.count, 1, LIMITS.calls)) issues.push({ field: `${base}.count`, message: `expected a whole number from 1 to ${LIMITS.calls}, got ${c.count}` });
    if (!wholeIn(c.gas, 21_000, LIMITS.gas)) issues.push({ field: `${base}.gas`, message: `expected a gas limit from 21000 to ${LIMITS.gas}, got ${c.gas}` });
    total += Number.isFinite(c.count) ? c.count : 0;
    const value = compileArg(c.value, 'uint256');
    if (isProblem(value)) issues.push({ field: `${base}.value${value.field ? `.${value.field}` : ''}`, message: value.message });
    const maxValue = c.value.kind === 'constant' ? parseInteger(c.value.value) : c.value.kind === 'range' ? parseInteger(c.value.max) : 0n;
    const fn = functionAt(iface, c.fn, `${base}.fn`, issues, typeof maxValue === 'bigint' && maxValue > 0n);
    if (fn && !isProblem(value)) {
      calls.push({ fn, count: c.count, args: argFields(fn, c.args, base, issues), value, maxValue: typeof maxValue === 'bigint' ? maxValue : 0n, gas: BigInt(c.gas) });
    }
  });
  if (total > LIMITS.calls) issues.push({ field: 'calls', message: `${total} calls in all; at most ${LIMITS.calls}` });

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, plan: { constructorArgs, senders: spec.senders, balance, seed: spec.seed, setup, calls } };
}
