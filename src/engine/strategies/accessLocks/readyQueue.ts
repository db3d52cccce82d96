/** Transactions free to run, handed out lowest first (block order keeps commit waiting as little as possible). */
import { MinHeap } from '../../runtime/heap.ts';

export class ReadyQueue extends MinHeap<number> {
  constructor() {
    super((a, b) => a - b);
  }
}
