// SPDX-License-Identifier: MIT
pragma solidity ^0.8.20;

/*
 * Conflicts under parallel execution: `craft` reads and writes the shared item counter (`itemCount`, slot 0), so
 * every pair of crafts conflicts. Trading is mostly private: `list` and `give` touch only the item's owner and price
 * slots, and `buy` moves the item (its owner and price) and gold between buyer and seller. Two buys of one item
 * conflict (the second sees it sold and reverts "not for sale"); buys from one popular seller conflict on the
 * seller's gold; a player's own buys conflict on their gold. `earn` (a quest reward) touches only the player's gold.
 *
 * Storage layout (generators write pre-state storage directly; no immutables, so the runtime code can be copied):
 *   slot 0  itemCount  uint256                        the id the next crafted item gets (ids start at 0)
 *   slot 1  owners     mapping(uint256 => address)    owners[item] at keccak(item . 1)
 *   slot 2  prices     mapping(uint256 => uint256)    prices[item] at keccak(item . 2); 0 = not for sale
 *   slot 3  gold       mapping(address => uint256)    gold[a]      at keccak(a . 3)
 * An item exists when its owner is non-zero; seed `itemCount` above every pre-made id.
 */
contract Game {
    uint256 public itemCount;
    mapping(uint256 => address) public owners;
    mapping(uint256 => uint256) public prices;
    mapping(address => uint256) public gold;

    event Crafted(uint256 indexed item, address indexed owner);
    event Listed(uint256 indexed item, address indexed owner, uint256 price);
    event Sold(uint256 indexed item, address indexed seller, address indexed buyer, uint256 price);
    event Given(uint256 indexed item, address indexed from, address indexed to);
    event Earned(address indexed player, uint256 amount);

    /// A new item for the sender; its id comes from the shared counter.
    function craft() external returns (uint256 item) {
        item = itemCount;
        itemCount = item + 1;
        owners[item] = msg.sender;
        emit Crafted(item, msg.sender);
    }

    /// A quest reward: anyone may earn gold, so workloads need no owner to fund players.
    function earn(uint256 amount) external {
        gold[msg.sender] += amount;
        emit Earned(msg.sender, amount);
    }

    /// Puts the sender's item up for sale at `price` gold; a price of 0 takes it off the market.
    function list(uint256 item, uint256 price) external {
        require(owners[item] == msg.sender, "Game: not owner");
        prices[item] = price;
        emit Listed(item, msg.sender, price);
    }

    /// Pays the seller the listed price in gold and takes the item.
    function buy(uint256 item) external {
        uint256 price = prices[item];
        require(price > 0, "Game: not for sale");
        address seller = owners[item];
        require(seller != msg.sender, "Game: own item");
        uint256 funds = gold[msg.sender];
        require(funds >= price, "Game: not enough gold");
        unchecked {
            gold[msg.sender] = funds - price;
        }
        gold[seller] += price;
        owners[item] = msg.sender;
        prices[item] = 0;
        emit Sold(item, seller, msg.sender, price);
    }

    /// Hands the sender's item to `to` (and takes it off the market).
    function give(uint256 item, address to) external {
        require(owners[item] == msg.sender, "Game: not owner");
        require(to != address(0), "Game: zero address");
        owners[item] = to;
        if (prices[item] != 0) prices[item] = 0;
        emit Given(item, msg.sender, to);
    }
}
