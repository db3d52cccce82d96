// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/*
 * Conflicts under parallel execution: `propose` reads and writes the shared proposal counter (`proposalCount`,
 * slot 0), so concurrent proposals conflict. A vote reads and writes its proposal's tally, `yes` or `no`, so votes on
 * one proposal with the same choice conflict (the tally is hot per proposal), while votes on different proposals, or
 * a yes and a no on one proposal, touch different slots; the voter's own `voted` flag is private. Every vote also
 * reads its proposal's `proposer` (does it exist?) and `executed` flag, so it depends on the `propose` that created
 * the proposal and on an `execute` of it earlier in the block, never on the counter. `execute` reads both tallies, so
 * it depends on every earlier vote on that proposal.
 *
 * Storage layout (generators write pre-state storage directly; no immutables, so the runtime code can be copied):
 *   slot 0  proposalCount  uint256                                         the id the next proposal gets (from 0)
 *   slot 1  proposals      mapping(uint256 => Proposal)                    proposals[id] at p = keccak(id . 1):
 *             p + 0 description bytes32,  p + 1 proposer address,  p + 2 yes uint256,  p + 3 no uint256,
 *             p + 4 executed bool (1 = executed)
 *   slot 2  voted          mapping(uint256 => mapping(address => bool))    voted[id][a] at keccak(a . keccak(id . 2))
 * A proposal exists when its proposer is non-zero; seed `proposalCount` above every pre-made id.
 */
contract Dao {
    struct Proposal {
        bytes32 description;
        address proposer;
        uint256 yes;
        uint256 no;
        bool executed;
    }

    uint256 public proposalCount;
    mapping(uint256 => Proposal) public proposals;
    mapping(uint256 => mapping(address => bool)) public voted;

    event Proposed(uint256 indexed id, address indexed proposer, bytes32 description);
    event Voted(uint256 indexed id, address indexed voter, bool support);
    event Executed(uint256 indexed id, uint256 yes, uint256 no);

    function propose(bytes32 description) external returns (uint256 id) {
        id = proposalCount;
        proposalCount = id + 1;
        Proposal storage p = proposals[id];
        p.description = description;
        p.proposer = msg.sender;
        emit Proposed(id, msg.sender, description);
    }

    /// One vote per address and proposal.
    function vote(uint256 id, bool support) external {
        Proposal storage p = proposals[id];
        require(p.proposer != address(0), "Dao: no such proposal");
        require(!p.executed, "Dao: already executed");
        require(!voted[id][msg.sender], "Dao: already voted");
        voted[id][msg.sender] = true;
        if (support) p.yes += 1;
        else p.no += 1;
        emit Voted(id, msg.sender, support);
    }

    /// Anyone may execute a proposal with more yes than no votes, once.
    function execute(uint256 id) external {
        Proposal storage p = proposals[id];
        require(p.proposer != address(0), "Dao: no such proposal");
        require(!p.executed, "Dao: already executed");
        require(p.yes > p.no, "Dao: not passed");
        p.executed = true;
        emit Executed(id, p.yes, p.no);
    }
}
