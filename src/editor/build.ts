/**
 * `buildWorkload`: a compiled contract and a `WorkloadSpec` → an ordinary `Scenario`.
 *
 * 1. Plan: check the spec against the ABI (`plan.ts`).
 * 2. Setup: the deployer creates the contract, then the setup calls run (once, or once per sender), through the
 *    engine's executor, wherever the caller's `SetupRunner` reaches it (the page: the coordinator worker, via
 *    `Engine.runSetup`; tests: `engine/setupRun.ts` in-process); a failure is reported against the setup call that
 *    failed.
 * 3. Pre-state: the committed state after setup, with each sender's balance set to the spec's `balance`.
 * 4. Block: the calls of every group, interleaved by the seed; call j is sent by sender j mod `senders`, with the
 *    next nonce after its setup calls; arguments and values are drawn from each group's own seeded stream.
 * Same contract, spec and seed → the same scenario, byte for byte.
 */
import type { Address, Hex, Scenario, ScenarioTx } from '../engine/scenario/types.ts';
import { safeParseScenario } from '../engine/scenario/schema.ts';
import type { SetupOutcome } from '../engine/setupRun.ts';
import type { CompiledContract } from '../workloads/compiler/standardJson.ts';
import { contractAddress, quantity } from '../workloads/abi.ts';
import { ETH, GWEI, account, blockEnv } from '../workloads/common.ts';
import { Prng } from '../workloads/generators/prng.ts';
import { contractInterface } from './abiModel.ts';
import { type ArgValue, encodeArgs, encodeFunctionCall } from './abiEncode.ts';
import { type DrawContext, type Sampler, user } from './args.ts';
import { type Issue, type Plan, planWorkload } from './plan.ts';
import type { WorkloadSpec } from './spec.ts';

export const HARDFORK = 'cancun';
/** Creates the contract and sends the `deployer` setup calls. */
export const DEPLOYER: Address = account('d0e1', 0);
const BASE_FEE = GWEI;
const TIP = GWEI / 10n;
const MAX_FEE = 2n * BASE_FEE + TIP;
const DEPLOY_GAS = 15_000_000n;
const SETUP_GAS = 1_000_000n;
/** Senders and the deployer during setup: enough for any setup, replaced by `balance` afterwards. */
const SETUP_FUNDS = 10n ** 9n * ETH;

export interface BuiltWorkload {
  scenario: Scenario;
  /** Where the contract lives in the pre-state. */
  contract: Address;
  setupTxs: number;
}

export type BuildResult = { ok: true; built: BuiltWorkload } | { ok: false; issues: Issue[] };

/** Executes a setup scenario's transactions in order and returns the state they leave (`engine/setupRun.ts`). */
export type SetupRunner = (setup: Scenario) => Promise<SetupOutcome>;

function tx(from: Address, to: Address | null, nonce: number, input: Hex, gas: bigint, value: bigint, label: string): ScenarioTx {
  return {
    type: 2,
    from,
    to,
    nonce: quantity(nonce),
    value: quantity(value),
    input,
    gas: quantity(gas),
    maxFeePerGas: quantity(MAX_FEE),
    maxPriorityFeePerGas: quantity(TIP),
    chainId: '0x1',
    label,
  };
}

const draw = (samplers: Sampler[], ctx: DrawContext): ArgValue[] => samplers.map((s) => s(ctx));

/** The setup transactions (deployment first) and, per transaction, the spec field it came from. */
function setupTransactions(c: CompiledContract, plan: Plan, seed: number): { txs: ScenarioTx[]; fields: string[]; contract: Address } {
  const nonces = new Map<Address, number>();
  const next = (a: Address): number => {
    const n = nonces.get(a) ?? 0;
    nonces.set(a, n + 1);
    return n;
  };
  const contract = contractAddress(DEPLOYER, 0n);
  const rng = Prng.stream(seed, 'setup');
  const ctorArgs = encodeArgs(
    contractInterface(c.abi).constructor.inputs.map((p) => p.type),
    draw(plan.constructorArgs, { sender: DEPLOYER, contract, rng }),
  );
  const txs = [tx(DEPLOYER, null, next(DEPLOYER), `${c.bytecode}${ctorArgs}` as Hex, DEPLOY_GAS, 0n, 'setup: deploy')];
  const fields = ['constructor'];
  for (const s of plan.setup) {
    const from = s.from === 'deployer' ? [DEPLOYER] : Array.from({ length: plan.senders }, (_, i) => user(i));
    for (const sender of from) {
      const input = encodeFunctionCall(s.fn, draw(s.args, { sender, contract, rng }));
      txs.push(tx(sender, contract, next(sender), input, SETUP_GAS, s.value, `setup: ${s.fn.name}`));
      fields.push(s.field);
    }
  }
  return { txs, fields, contract };
}

/** Builds the scenario, deploying and setting up through `runSetup`; the issues name the spec field to fix. Never
 * throws for bad input. */
export async function buildWorkload(c: CompiledContract, spec: WorkloadSpec, runSetup: SetupRunner, name = 'custom contract'): Promise<BuildResult> {
  if (c.bytecode === '0x') return { ok: false, issues: [{ field: 'contract', message: `${spec.contract} is abstract or an interface: there is nothing to deploy` }] };
  const planned = planWorkload(contractInterface(c.abi), spec);
  if (!planned.ok) return planned;
  const plan = planned.plan;
  const senders = Array.from({ length: plan.senders }, (_, i) => user(i));

  // 2. Deploy and set up.
  const setup = setupTransactions(c, plan, plan.seed);
  const setupScenario: Scenario = {
    version: 1,
    name: `${name} (setup)`,
    chain: { chainId: 1, hardfork: HARDFORK },
    block: blockEnv(HARDFORK, { gasLimit: DEPLOY_GAS + SETUP_GAS * BigInt(setup.txs.length), baseFee: BASE_FEE }),
    preState: Object.fromEntries([DEPLOYER, ...senders].map((a) => [a, { balance: quantity(SETUP_FUNDS), nonce: '0x0' }])),
    transactions: setup.txs,
  };
  const outcome = await runSetup(setupScenario);
  const issues: Issue[] = [];
  outcome.failures.forEach((f, i) => {
    if (f === undefined || issues.some((x) => x.field === setup.fields[i])) return;
    const t = setup.txs[i]!;
    const who = t.from === DEPLOYER ? 'the deployer' : `sender ${senders.indexOf(t.from!)}`;
    const what = i === 0 ? 'the deployment (constructor)' : `${t.label!.replace('setup: ', '')} from ${who}`;
    issues.push({ field: setup.fields[i]!, message: `${what} failed: ${f}` });
  });
  if (issues.length > 0) return { ok: false, issues };

  // 3. Pre-state: setup's result, senders holding exactly `balance`.
  const preState = outcome.preState;
  for (const s of senders) preState[s] = { ...preState[s]!, balance: quantity(plan.balance) };

  // 4. The block.
  const order: number[] = [];
  plan.calls.forEach((g, gi) => order.push(...new Array<number>(g.count).fill(gi)));
  if (plan.calls.length > 1) Prng.stream(plan.seed, 'order').shuffle(order);
  const streams = plan.calls.map((_, gi) => Prng.stream(plan.seed, `calls[${gi}]`));
  const nonces = senders.map((s) => Number(BigInt(preState[s]!.nonce)));
  const spend = new Array<bigint>(senders.length).fill(0n);
  const transactions: ScenarioTx[] = [];
  let gasTotal = 0n;
  order.forEach((gi, j) => {
    const g = plan.calls[gi]!;
    const si = j % senders.length;
    const ctx: DrawContext = { sender: senders[si]!, contract: setup.contract, rng: streams[gi]! };
    const input = encodeFunctionCall(g.fn, draw(g.args, ctx));
    const value = g.value(ctx) as bigint;
    transactions.push(tx(senders[si]!, setup.contract, nonces[si]!++, input, g.gas, value, g.fn.name));
    spend[si]! += g.gas * MAX_FEE + g.maxValue;
    gasTotal += g.gas;
  });
  const short = spend.findIndex((s) => s > plan.balance);
  if (short >= 0) {
    return { ok: false, issues: [{ field: 'balance', message: `sender ${short} may need up to ${formatEth(spend[short]!)} ETH for its calls' gas and value; give each sender at least that` }] };
  }

  const scenario: Scenario = {
    version: 1,
    name,
    description: `${spec.contract}: ${plan.calls.map((g) => `${g.count} × ${g.fn.name}`).join(', ')} from ${plan.senders} sender(s), seed ${plan.seed}; deployed and set up in the pre-state (${setup.txs.length} setup transactions).`,
    chain: { chainId: 1, hardfork: HARDFORK },
    block: blockEnv(HARDFORK, { gasLimit: gasTotal > 30_000_000n ? gasTotal : 30_000_000n, baseFee: BASE_FEE }),
    preState,
    transactions,
  };
  const checked = safeParseScenario(scenario);
  if (!checked.ok) return { ok: false, issues: [{ field: 'workload', message: `the built scenario is not valid (a bug): ${checked.error.message}` }] };
  return { ok: true, built: { scenario: checked.scenario, contract: setup.contract, setupTxs: setup.txs.length } };
}

function formatEth(wei: bigint): string {
  return (Number(wei / 10n ** 12n) / 1e6).toString();
}
