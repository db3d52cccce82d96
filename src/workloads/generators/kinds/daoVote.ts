/**
 * A vote on one of `proposals` open proposals (Zipf-ranked; `hotSpot` votes yes on proposal 0). A vote reads the
 * proposal's proposer and executed flag, writes the sender's own voted flag and adds to the yes or no tally: votes
 * with the same choice on one proposal conflict on that tally. A sender never votes twice on one proposal unless it
 * has more votes than there are proposals; that extra vote reverts ("Dao: already voted"), on purpose.
 */
import type { Address } from '../../../engine/scenario/types.ts';
import { Dao } from '../../contracts/index.ts';
import { encoder } from '../calldata.ts';
import { slotsOf } from '../slots.ts';
import type { Kind } from './kind.ts';
import { KIND_SUMMARIES } from './summaries.ts';

export const daoVote: Kind = {
  id: 'dao-vote',
  label: 'dao vote',
  summary: KIND_SUMMARIES['dao-vote'],
  install(ctx) {
    const dao = ctx.assets.dao();
    const proposals = ctx.knobs.proposals;
    const pick = ctx.zipf(proposals);
    const fields = Array.from({ length: proposals }, (_, id) => Dao.slots.proposal(BigInt(id)));
    const vote = encoder<[bigint, boolean]>(Dao.vote(0n, false));
    const votedOn = new Map<Address, Set<number>>();
    return (from) => {
      const hot = ctx.hot();
      let id = hot ? 0 : pick.sample(ctx.rng.next());
      const support = hot || ctx.rng.chance(0.6);
      let voted = votedOn.get(from);
      if (voted === undefined) votedOn.set(from, (voted = new Set()));
      // The next proposal this sender has not voted on; if none is left, the duplicate stays (and reverts).
      for (let step = 0; step < proposals && voted.has(id); step++) id = (id + 1) % proposals;
      const duplicate = voted.has(id);
      voted.add(id);
      const p = fields[id]!;
      const tally = support ? p.yes : p.no;
      return {
        from,
        to: dao,
        input: vote(BigInt(id), support),
        value: 0n,
        gas: 150_000n,
        label: duplicate ? `${this.label} (duplicate)` : this.label,
        touches: () => {
          const keys = [p.proposer, p.executed, slotsOf.dao.voted(BigInt(id), from)];
          return [{ address: dao, storageKeys: duplicate ? keys : [...keys, tally] }]; // a duplicate stops before the tally
        },
      };
    };
  },
};
