/**
 * A binary min-heap of numbers (positions in a sorted list), for the fold's causal order (fold.ts `causalOrder`):
 * push and pop in O(log n). Hand-written: no package the project has offers one, and these few lines run unchanged
 * on the desk, in the web worker and on the server.
 */
export class MinHeap {
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(value: number): void {
    let i = this.items.push(value) - 1;
    while (i > 0 && this.at((i - 1) >> 1) > value) {
      this.swap(i, (i - 1) >> 1);
      i = (i - 1) >> 1;
    }
  }

  /** The smallest value, removed; undefined when the heap is empty. */
  pop(): number | undefined {
    const top = this.items[0];
    const last = this.items.pop();
    if (this.items.length === 0 || last === undefined) return top;
    this.items[0] = last;
    for (let i = 0; ;) {
      const left = 2 * i + 1;
      const least = [left, left + 1].reduce((best, child) => (this.at(child) < this.at(best) ? child : best), i);
      if (least === i) return top;
      this.swap(i, least);
      i = least;
    }
  }

  /** The value at `i`; past the end, more than any value (so a missing child is never the least). */
  private at(i: number): number {
    return this.items[i] ?? Infinity;
  }

  private swap(i: number, j: number): void {
    [this.items[i], this.items[j]] = [this.at(j), this.at(i)];
  }
}
