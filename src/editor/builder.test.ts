import { describe, expect, it } from 'vitest';
import { runSetup } from '../engine/setupRun.ts';
import { compile } from '../workloads/compiler/node.ts';
import { compileErrors } from '../workloads/compiler/standardJson.ts';
import { BUILTINS, defaultWorkload } from './builtins.ts';
import { buildWorkload } from './build.ts';
import { compileStatus, markersFor, problemsOf } from './diagnostics.ts';
import { formatIssue } from './plan.ts';
import { compileInput, deployableContracts, findContract } from './project.ts';
import type { WorkloadSpec } from './spec.ts';
import { TEMPLATES } from './templates.ts';

const token = TEMPLATES.find((t) => t.id === 'token')!;
const tokenOut = compile(compileInput({ files: token.files, active: token.active }));
const tokenContract = findContract(tokenOut, 'Token.sol:Token')!;

async function issues(spec: WorkloadSpec): Promise<string[]> {
  const r = await buildWorkload(tokenContract, spec, runSetup);
  return r.ok ? [] : r.issues.map(formatIssue);
}

describe('the workload builder', () => {
  it('gives the same scenario for the same inputs, and another for another seed', async () => {
    const a = await buildWorkload(tokenContract, token.workload, runSetup);
    const b = await buildWorkload(tokenContract, token.workload, runSetup);
    const c = await buildWorkload(tokenContract, { ...token.workload, seed: 2 }, runSetup);
    expect(a.ok && b.ok && c.ok).toBe(true);
    if (!a.ok || !b.ok || !c.ok) return;
    expect(JSON.stringify(a.built.scenario)).toBe(JSON.stringify(b.built.scenario));
    expect(c.built.scenario.transactions).not.toEqual(a.built.scenario.transactions);
    expect(a.built.scenario.preState).toEqual(c.built.scenario.preState);
  });

  it('puts the deployed contract and the setup calls’ effects in the pre-state, and only the calls in the block', async () => {
    const r = await buildWorkload(tokenContract, token.workload, runSetup);
    if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
    const { scenario, contract, setupTxs } = r.built;
    expect(setupTxs).toBe(1 + token.workload.senders);
    expect(scenario.transactions).toHaveLength(token.workload.calls[0]!.count);
    expect(scenario.transactions.every((t) => t.to === contract)).toBe(true);
    expect(scenario.preState[contract]!.code).toMatch(/^0x[0-9a-f]+$/);
    // totalSupply (slot 1) = 24 senders × 1,000,000 minted in setup.
    expect(BigInt(scenario.preState[contract]!.storage![`0x${'0'.repeat(63)}1`]!)).toBe(24_000_000n);
  });

  it('names the field of every bad input', async () => {
    const w = token.workload;
    expect(await issues({ ...w, senders: 0 })).toEqual(['senders: expected a whole number from 1 to 5000, got 0']);
    expect(await issues({ ...w, balance: 'lots' })).toEqual([expect.stringMatching(/^balance: expected a whole number/)]);
    expect(await issues({ ...w, calls: [{ ...w.calls[0]!, fn: 'send(address)' }] })).toEqual([expect.stringMatching(/^calls\[0\]\.fn: no function send\(address\).*transfer\(address,uint256\)/)]);
    expect(await issues({ ...w, calls: [{ ...w.calls[0]!, args: [{ kind: 'range', min: '1', max: '2' }, { kind: 'constant', value: '1' }] }] })).toEqual([
      'calls[0].args.to.kind: address cannot be "range" (it can be sender, account, zipf-account, contract, constant)',
    ]);
    expect(await issues({ ...w, calls: [{ ...w.calls[0]!, value: { kind: 'constant', value: '1 ether' } }] })).toEqual([
      'calls[0].value: transfer(address,uint256) is not payable: send 0',
    ]);
    expect(await issues({ ...w, calls: [] })).toEqual(['calls: add at least one function to call']);
  });

  it('reports a setup call that reverts against that setup call', async () => {
    const w = { ...token.workload, setup: [...token.workload.setup, { fn: 'transfer(address,uint256)', from: 'deployer' as const, args: [{ kind: 'sender' as const }, { kind: 'constant', value: '5' } as const], value: '0' }] };
    expect(await issues(w)).toEqual(['setup[1]: transfer from the deployer failed: revert: Token: balance too low']);
  });

  it('refuses a sender balance that cannot pay for its calls, naming balance', async () => {
    expect(await issues({ ...token.workload, balance: '0.0001 ether' })).toEqual([expect.stringMatching(/^balance: sender 0 may need up to/)]);
  });

  it('lists interfaces as not deployable', () => {
    expect(deployableContracts(tokenOut)).toEqual(['Token.sol:Token']);
  });
});

describe('the built-in contracts', () => {
  it('each opens as a read-only project with the files it imports, so it compiles', async () => {
    const { builtinProject } = await import('./builtins.ts');
    for (const b of BUILTINS) expect(builtinProject(b.name)!.readOnly).toBe(true);
    const pool = builtinProject('Pool.sol')!;
    expect(pool.files.map((f) => f.name)).toEqual(['Pool.sol', 'Token.sol']);
    expect(compileErrors(compile(compileInput(pool)))).toEqual([]);
  });

  it('are all there, compile, and give a default workload that builds', async () => {
    expect(BUILTINS.map((b) => b.name)).toEqual(expect.arrayContaining(['Counter.sol', 'PerUserCounter.sol', 'Token.sol', 'Pool.sol']));
    const counter = BUILTINS.find((b) => b.name === 'Counter.sol')!;
    const out = compile(compileInput({ files: [counter], active: counter.name }));
    expect(compileErrors(out)).toEqual([]);
    const id = deployableContracts(out)[0]!;
    const r = await buildWorkload(findContract(out, id)!, defaultWorkload(id, findContract(out, id)!.abi), runSetup);
    expect(r.ok).toBe(true);
  });
});

describe('compiler diagnostics', () => {
  it('marks an error on its line and column, covering the word there', () => {
    const text = 'pragma solidity ^0.8.20;\ncontract A {\n    function f() public { undefinedThing = 1; }\n}\n';
    const out = compile(compileInput({ files: [{ name: 'A.sol', text }], active: 'A.sol' }));
    const problems = problemsOf(out);
    expect(problems[0]).toMatchObject({ severity: 'error', type: 'DeclarationError', file: 'A.sol', line: 3, column: 27 });
    expect(markersFor(problems, 'A.sol', text)[0]).toMatchObject({ startLineNumber: 3, startColumn: 27, endColumn: 27 + 'undefinedThing'.length });
  });
});

describe('following the contract across builds', async () => {
  const { followContract } = await import('./builtins.ts');
  const counter = TEMPLATES[0]!;
  const build = (files: { name: string; text: string }[]) => compile(compileInput({ files, active: files[0]!.name }));

  it('keeps the workload when its contract is there, and moves it when the file is renamed', () => {
    const out = build(counter.files);
    expect(followContract(out, counter.workload)).toBe(counter.workload);
    const renamed = build([{ name: 'Other.sol', text: counter.files[0]!.text }]);
    expect(followContract(renamed, counter.workload)).toEqual({ ...counter.workload, contract: 'Other.sol:SharedCounter' });
  });

  it('starts a default workload for a renamed contract whose functions differ, and for no workload', () => {
    const out = build([{ name: 'T.sol', text: 'pragma solidity ^0.8.20;\ncontract T { uint x; function bump() external { x++; } }' }]);
    expect(followContract(out, counter.workload)!.calls[0]!.fn).toBe('bump()');
    expect(followContract(out, null)!.contract).toBe('T.sol:T');
  });
});

describe('the compile status line', () => {
  it('says what the last compile gave', () => {
    const base = { compiling: false, failure: null, contracts: 1, errors: 0, warnings: 0 };
    expect(compileStatus(base)).toBe('Compiled: 1 contract');
    expect(compileStatus({ ...base, contracts: 2, warnings: 1 })).toBe('Compiled: 2 contracts, 1 warning');
    expect(compileStatus({ ...base, errors: 2, warnings: 3 })).toBe('2 errors, 3 warnings');
    expect(compileStatus({ ...base, compiling: true })).toBe('Compiling…');
    expect(compileStatus({ ...base, failure: 'out of memory' })).toBe('The compiler failed: out of memory');
  });
});
