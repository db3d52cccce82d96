/**
 * The scenario file schema: JSON in, a normalised `Scenario` out, or a `ScenarioError` that names every bad field.
 *
 * Two passes: valibot checks each field's shape and normalises its spelling (`fields.ts`, `shapes.ts`), then
 * `rules.ts` checks what spans fields (fee fields against the type, features against the hardfork).
 */
import * as v from 'valibot';
import { ScenarioError, show } from './errors.ts';
import * as f from './fields.ts';
import { parseJsonText } from './jsonText.ts';
import { scenarioRuleIssues } from './rules.ts';
import { arrayOf, isPlainObject, recordOf, run, strict, toScenarioIssues } from './shapes.ts';
import type { Scenario, ScenarioTx, TxType } from './types.ts';

export const FORMAT_VERSION = 1;

const version = f.field((x) =>
  x === FORMAT_VERSION ? FORMAT_VERSION : new f.Problem(`unsupported version ${show(x)} (this build reads version ${FORMAT_VERSION})`),
);

export const accessListItem = strict({ address: f.address, storageKeys: arrayOf(f.bytes32) });
const signature = strict({ v: f.quantity, r: f.quantity, s: f.quantity });
/** EIP-7702's bounds: a tuple outside them makes the whole transaction invalid (one that fails to recover is only
 * skipped, by the EVM). */
export const authorizationFields = {
  chainId: f.quantity,
  address: f.address,
  nonce: f.quantity64,
  yParity: f.quantity8,
  r: f.quantity,
  s: f.quantity,
};
export const authorization = strict(authorizationFields);

const tx = v.pipe(
  strict({
    type: v.optional(f.txType),
    from: v.optional(f.address),
    to: v.nullable(f.address),
    nonce: f.quantity64,
    value: v.optional(f.quantity, '0x0'),
    input: v.optional(f.bytes, '0x'),
    gas: f.quantity64,
    gasPrice: v.optional(f.quantity),
    maxFeePerGas: v.optional(f.quantity),
    maxPriorityFeePerGas: v.optional(f.quantity),
    maxFeePerBlobGas: v.optional(f.quantity),
    blobVersionedHashes: v.optional(arrayOf(f.bytes32)),
    accessList: v.optional(arrayOf(accessListItem)),
    authorizationList: v.optional(arrayOf(authorization)),
    chainId: v.optional(f.quantity64),
    signature: v.optional(signature),
    hash: v.optional(f.bytes32),
    label: v.optional(v.string((issue) => `expected a string, got ${show(issue.input)}`)),
  }),
  v.transform((t): ScenarioTx => ({ ...t, type: t.type ?? defaultTxType(t) })),
);

/** The type a transaction's fields imply when it does not say: an authorization list → 4, blob fields → 3, EIP-1559
 * fields → 2, an access list → 1. */
export function defaultTxType(t: {
  maxFeePerGas?: unknown;
  maxPriorityFeePerGas?: unknown;
  accessList?: unknown;
  maxFeePerBlobGas?: unknown;
  blobVersionedHashes?: unknown;
  authorizationList?: unknown;
}): TxType {
  if (t.authorizationList !== undefined) return 4;
  if (t.maxFeePerBlobGas !== undefined || t.blobVersionedHashes !== undefined) return 3;
  if (t.maxFeePerGas !== undefined || t.maxPriorityFeePerGas !== undefined) return 2;
  return t.accessList !== undefined ? 1 : 0;
}

const withdrawal = strict({ index: f.quantity64, validatorIndex: f.quantity64, address: f.address, amount: f.quantity64 });
const uncle = strict({ number: f.quantity64, coinbase: f.address });

const block = strict({
  number: f.quantity64,
  timestamp: f.quantity64,
  coinbase: f.address,
  gasLimit: f.quantity64,
  baseFeePerGas: v.optional(f.quantity),
  difficulty: v.optional(f.quantity),
  prevRandao: v.optional(f.bytes32),
  parentBeaconBlockRoot: v.optional(f.bytes32),
  excessBlobGas: v.optional(f.quantity64),
  withdrawals: v.optional(arrayOf(withdrawal)),
  uncles: v.optional(arrayOf(uncle)),
  blockHashes: v.optional(recordOf(f.blockNumberKey, f.parseBlockNumberKey, f.bytes32), {}),
});

export const account = strict({
  balance: v.optional(f.quantity, '0x0'),
  nonce: v.optional(f.quantity64, '0x0'),
  code: v.optional(f.bytes),
  storage: v.optional(recordOf(f.slotKey, f.parseSlot, f.slotValue)),
});

export const preState = recordOf(f.addressKey, f.parseAddress, account);

const expected = strict({
  gasUsed: f.quantity64,
  receiptsRoot: f.bytes32,
  logsBloom: f.bloom,
  stateRoot: v.optional(f.bytes32),
  transactionsRoot: v.optional(f.bytes32),
});

const scenarioSchema = strict({
  version: v.optional(version, FORMAT_VERSION),
  name: f.text,
  description: v.optional(v.string((issue) => `expected a string, got ${show(issue.input)}`)),
  chain: strict({ chainId: f.chainId, hardfork: f.hardfork }),
  block,
  preState,
  transactions: arrayOf(tx),
  expected: v.optional(expected),
  preStateComplete: v.optional(v.boolean((issue) => `expected true or false, got ${show(issue.input)}`)),
});

export type SafeParseResult = { ok: true; scenario: Scenario } | { ok: false; error: ScenarioError };

export function safeParseScenario(input: unknown): SafeParseResult {
  if (!isPlainObject(input)) {
    return { ok: false, error: new ScenarioError([{ path: '', message: `expected a scenario (a JSON object), got ${show(input)}` }]) };
  }
  const parsed = run(scenarioSchema, input);
  if (!parsed.ok) return { ok: false, error: new ScenarioError(toScenarioIssues(parsed.issues)) };
  const scenario: Scenario = parsed.value;
  const problems = scenarioRuleIssues(scenario);
  if (problems.length > 0) return { ok: false, error: new ScenarioError(toScenarioIssues(problems)) };
  return { ok: true, scenario };
}

/** Validate and normalise a scenario (parsed JSON or a hand-built object). Throws `ScenarioError`. */
export function parseScenario(input: unknown): Scenario {
  const result = safeParseScenario(input);
  if (!result.ok) throw result.error;
  return result.scenario;
}

/** Parse the text of a scenario file; syntax and schema errors both come back as a `ScenarioError`. */
export function parseScenarioText(text: string, sourceName?: string): Scenario {
  const json = parseJsonText(text, sourceName);
  const result = safeParseScenario(json);
  if (!result.ok) throw sourceName ? result.error.withSource(sourceName) : result.error;
  return result.scenario;
}
