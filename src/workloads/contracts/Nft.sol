// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/*
 * Conflicts under parallel execution: `mint` reads and writes one shared counter (`nextId`, slot 0) to pick the new
 * token id, so every pair of mints conflicts, even from different minters: an "NFT mint frenzy" is as sequential as
 * a hot counter. The rest of a mint (the new token's owner slot, the minter's balance) is private to the minter.
 * A transfer touches the token's owner and approval slots and the balances of `from` and `to`: transfers of
 * different tokens between different people are independent; two transfers into (or out of) one wallet conflict on
 * its balance.
 *
 * Storage layout (generators write pre-state storage directly; no immutables, so the runtime code can be copied):
 *   slot 0  nextId     uint256                                        the id the next mint gets (ids start at 0)
 *   slot 1  owners     mapping(uint256 => address)                    owners[id]       at keccak(id . 1)
 *   slot 2  balances   mapping(address => uint256)                    balances[a]      at keccak(a . 2)
 *   slot 3  approvals  mapping(uint256 => address)                    approvals[id]    at keccak(id . 3)
 *   slot 4  operators  mapping(address => mapping(address => bool))   operators[o][op] at keccak(op . keccak(o . 4))
 * A token exists when its owner is non-zero; seed `nextId` above every pre-minted id.
 */
interface IERC721Receiver {
    function onERC721Received(address operator, address from, uint256 tokenId, bytes calldata data)
        external
        returns (bytes4);
}

contract Nft {
    uint256 public nextId;
    mapping(uint256 => address) internal owners;
    mapping(address => uint256) internal balances;
    mapping(uint256 => address) internal approvals;
    mapping(address => mapping(address => bool)) internal operators;

    string public constant name = "Parallax Collectibles";
    string public constant symbol = "PLXC";

    event Transfer(address indexed from, address indexed to, uint256 indexed tokenId);
    event Approval(address indexed owner, address indexed approved, uint256 indexed tokenId);
    event ApprovalForAll(address indexed owner, address indexed operator, bool approved);

    /// Anyone may mint: the id comes from the shared counter.
    function mint() external returns (uint256 id) {
        id = nextId;
        nextId = id + 1;
        owners[id] = msg.sender;
        balances[msg.sender] += 1;
        emit Transfer(address(0), msg.sender, id);
    }

    function ownerOf(uint256 id) public view returns (address owner) {
        owner = owners[id];
        require(owner != address(0), "Nft: no such token");
    }

    function balanceOf(address owner) external view returns (uint256) {
        require(owner != address(0), "Nft: zero address");
        return balances[owner];
    }

    function getApproved(uint256 id) external view returns (address) {
        ownerOf(id);
        return approvals[id];
    }

    function isApprovedForAll(address owner, address operator) external view returns (bool) {
        return operators[owner][operator];
    }

    function approve(address to, uint256 id) external {
        address owner = ownerOf(id);
        require(msg.sender == owner || operators[owner][msg.sender], "Nft: not allowed");
        approvals[id] = to;
        emit Approval(owner, to, id);
    }

    function setApprovalForAll(address operator, bool approved) external {
        operators[msg.sender][operator] = approved;
        emit ApprovalForAll(msg.sender, operator, approved);
    }

    function transferFrom(address from, address to, uint256 id) public {
        require(ownerOf(id) == from, "Nft: wrong owner");
        require(to != address(0), "Nft: zero address");
        require(
            msg.sender == from || approvals[id] == msg.sender || operators[from][msg.sender], "Nft: not allowed"
        );
        // Only clear an approval that is set: writing zero over zero would still count as a write.
        if (approvals[id] != address(0)) delete approvals[id];
        unchecked {
            balances[from] -= 1; // from owns id, so its balance is at least 1
        }
        balances[to] += 1;
        owners[id] = to;
        emit Transfer(from, to, id);
    }

    function safeTransferFrom(address from, address to, uint256 id) external {
        safeTransferFrom(from, to, id, "");
    }

    function safeTransferFrom(address from, address to, uint256 id, bytes memory data) public {
        transferFrom(from, to, id);
        if (to.code.length > 0) {
            bytes4 answer = IERC721Receiver(to).onERC721Received(msg.sender, from, id, data);
            require(answer == IERC721Receiver.onERC721Received.selector, "Nft: receiver rejected");
        }
    }

    /// ERC165: ERC165 itself and ERC721.
    function supportsInterface(bytes4 id) external pure returns (bool) {
        return id == 0x01ffc9a7 || id == 0x80ac58cd;
    }
}
