/**
 * `predictive`: learned load balancing over optimistic execution.
 *
 * A hot-key model (`predictive/hotKeys.ts`) knows which keys each class of transaction — one contract, one selector
 * — tends to write; it starts from what the run history learned in earlier runs and blocks, and learns on as this
 * block's executions finish. Transactions predicted to conflict (same hot key, or same sender) are routed to the
 * same worker in block order; the rest spread over every worker (`predictive/routing.ts`). Execution is Block-STM's
 * — multi-version memory, validation, re-execution — so a wrong prediction costs a re-execution or an idle worker,
 * never correctness. Every routing decision is a `predict` trace event, and `stats.extra` says how the predictions
 * fared against the conflicts the run really had (`predictive/scorecard.ts`).
 */
import { BlockStmRun } from './blockStm/coordinator.ts';
import { HotKeyModel, txClasses } from './predictive/hotKeys.ts';
import { LearningRecorder } from './predictive/learningRecorder.ts';
import { PredictiveRouting } from './predictive/routing.ts';
import { scorecard } from './predictive/scorecard.ts';
import { startWorkers } from './shared.ts';
import type { RunContext, Strategy, StrategyOutput } from './types.ts';

export const predictive: Strategy = {
  name: 'predictive',
  description: 'Learned load balancing: a hot-key model routes predicted conflicts to one worker in order and spreads the rest; optimistic, validated.',
  async run(ctx: RunContext): Promise<StrategyOutput> {
    const txs = ctx.scenario.transactions;
    const coinbaseKey = 'a' + ctx.scenario.block.coinbase.slice(2).toLowerCase();
    const classes = txs.map(txClasses);
    const model = ctx.history?.hotKeys.clone() ?? new HotKeyModel();
    const classesKnown = model.size;
    // One context object for the whole run: fault injection arms once per context.
    const run: RunContext = { ...ctx, recorder: new LearningRecorder(ctx.recorder, model, classes, coinbaseKey) };
    const { senders, busy, recoverMs } = await startWorkers(run);
    const routing = new PredictiveRouting(
      txs.map((t) => t.to),
      senders,
      ctx.workers,
      model,
      classes,
      (p) => ctx.recorder.coordinator(p.tx, p.incarnation, { kind: 'predict', keys: p.keys, after: p.after }),
    );
    const out = await new BlockStmRun(run, senders, busy, recoverMs, { affinity: routing }).execute(txs.length);
    out.stats.extra = { ...scorecard(ctx.recorder.events, routing.predicted, coinbaseKey), classesKnownAtStart: classesKnown };
    return out;
  },
};
