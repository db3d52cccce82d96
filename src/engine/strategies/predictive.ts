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
import type { StrategyDef } from '../runtime/policy.ts';
import type { TraceEvent } from '../trace/events.ts';
import { BlockStmPolicy } from './blockStm/policy.ts';
import { HotKeyModel, txClasses } from './predictive/hotKeys.ts';
import { learnFrom } from './predictive/learning.ts';
import { PredictiveRouting } from './predictive/routing.ts';
import { scorecard } from './predictive/scorecard.ts';

export const predictive: StrategyDef = {
  name: 'predictive',
  policy(host) {
    const txs = host.scenario.transactions;
    const classes = txs.map(txClasses);
    const model = host.history?.hotKeys.clone() ?? new HotKeyModel();
    const classesKnown = model.size;
    const stopLearning = host.recorder.watch(learnFrom(model, classes, host.coinbaseKey));
    // The events the scorecard reads, kept here: the recorder keeps none when the caller wants no trace.
    const scored: TraceEvent[] = [];
    const stopScoring = host.recorder.watch((e) => {
      if (SCORED.has(e.kind)) scored.push(e);
    });
    const routing = new PredictiveRouting(txs.map((t) => t.to), [...host.senders], host.workers, model, classes, (p) =>
      host.event(p.tx, p.incarnation, { kind: 'predict', keys: p.keys, after: p.after }),
    );
    return new BlockStmPolicy(host, {
      affinity: routing,
      finish: () => {
        stopLearning();
        stopScoring();
      },
      extras: () => ({ ...scorecard(scored, routing.predicted, host.coinbaseKey), classesKnownAtStart: classesKnown }),
    });
  },
};

/** What the scorecard reads: committed executions' accesses (`analyseConflicts`) and aborts. */
const SCORED = new Set<TraceEvent['kind']>(['exec-end', 'commit', 'validate-fail', 'exec-abort']);
