/**
 * Layer rules for `src/` (and `scripts/`), checked by `npm run check` (dependency-cruiser; `npx depcruise src scripts`
 * alone for just these). The layers are the folders: see README.md ("Layout of src/") and docs/architecture.md.
 * A rule broken is fixed by moving code, not by adding an exception here; the few exceptions below say why they
 * cannot move.
 */
const TESTS = '\\.test\\.ts$';
/** Development pages (stage.html, editor.html) run the engine on the page thread on purpose: that is what they are for. */
const DEV_PAGES = '^src/ui/[^/]+/dev/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'ethereumjs-only-in-evm',
      severity: 'error',
      comment:
        'Only src/engine/evm/ touches @ethereumjs/*: the rest of the engine, the workloads and the page see state keys, ' +
        'scenarios and traces, so the EVM behind them can change in one folder (and the page bundle stays small).',
      from: {
        path: '^(src|scripts)/',
        pathNot: [
          '^src/engine/evm/',
          // The reference runner the workload and equivalence tests trust: stock @ethereumjs/vm, deliberately not
          // our EVM layer, so a bug there cannot hide in the reference too.
          '^src/workloads/testing/stockRunner\\.ts$',
          // The benchmark's baseline row: the stock VM (runBlock, MerkleStateManager) timed as shipped, the figure
          // every engine row is read against. Wrapping it in our EVM layer would measure something else.
          '^src/cli/bench/stock\\.ts$',
          // The signed test blocks and their reference: real signatures (transactions and EIP-7702 authorizations)
          // and stock runBlock with its own system calls, deliberately not our EVM layer, as for stockRunner above.
          '^src/engine/testing/signedBlocks\\.ts$',
        ],
      },
      to: { path: '(^|/)node_modules/@ethereumjs/' },
    },
    {
      name: 'evm-keys-is-a-leaf',
      severity: 'error',
      comment:
        'src/engine/evm/keys.ts owns the state-key format (type, constructors, coinbaseKey, describeKey). The trace ' +
        'and the page import it, so it imports nothing: no EVM comes with it.',
      from: { path: '^src/engine/evm/keys\\.ts$' },
      to: {},
    },
    {
      name: 'trace-imports-only-keys',
      severity: 'error',
      comment: 'The trace is the seam every view reads: plain data, depending on nothing but the state-key module.',
      from: { path: '^src/engine/trace/', pathNot: TESTS },
      to: { pathNot: ['^src/engine/trace/', '^src/engine/evm/keys\\.ts$'] },
    },
    {
      name: 'engine-knows-no-app',
      severity: 'error',
      comment: 'The engine, the workloads and the simulator know nothing of the page, the editor or the CLI.',
      from: { path: '^src/(engine|workloads|sim)/' },
      to: { path: '^src/(app|ui|editor|cli)/' },
    },
    {
      name: 'strategies-not-the-pool',
      severity: 'error',
      comment:
        'A strategy is a policy over the runtime (src/engine/runtime/): it never talks to the worker pool or its ' +
        'browser / Node flavours directly.',
      from: { path: '^src/engine/strategies/', pathNot: TESTS },
      to: { path: '^src/engine/workers/(pool|nodePool|browserPool)\\.ts$' },
    },
    {
      name: 'strategy-tests-not-the-pool',
      severity: 'error',
      comment: 'Strategy tests get their pool (and its type) from src/engine/testing/harness.ts rather than the pool module.',
      from: { path: `^src/engine/strategies/.*${TESTS}` },
      to: { path: '^src/engine/workers/(pool|nodePool|browserPool)\\.ts$' },
    },
    {
      name: 'ui-reads-trace-and-catalog',
      severity: 'error',
      comment:
        'Components consume the trace and the strategy catalog (plain data), never a strategy or the runtime.',
      from: { path: '^src/ui/' },
      to: { path: '^src/engine/(strategies|runtime)/', pathNot: '^src/engine/strategies/catalog\\.ts$' },
    },
    {
      name: 'page-runs-no-engine',
      severity: 'error',
      comment:
        'The page only draws: runs, references and the editor\'s setup run go to the coordinator worker ' +
        '(src/app/coordinator/). Components and the editor logic import no executor, state, pool or run entry ' +
        '(types are fine: they compile away).',
      from: { path: '^src/(ui|editor)/', pathNot: [TESTS, DEV_PAGES] },
      to: {
        path: ['^src/engine/(evm|state|workers)/', '^src/engine/(run|setupRun)\\.ts$'],
        pathNot: '^src/engine/evm/keys\\.ts$',
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'page-reads-abis-not-bytecode',
      severity: 'error',
      comment:
        'The page names contract functions from src/workloads/contracts/abis.json (ABIs only); the artifacts with ' +
        'bytecode (artifacts.json, contracts/index.ts) are for the generators, which run in the coordinator worker.',
      from: { path: '^src/(ui|app|editor)/', pathNot: TESTS },
      to: { path: '^src/workloads/contracts/(artifacts\\.json|index\\.ts)$' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycles (type-only ones included: they still tie two modules into one).',
      from: { path: '^(src|scripts)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: they are dependencies of the design even when they compile away.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.svelte', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
