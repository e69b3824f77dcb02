/**
 * A bounded buffer of the newest items: adding past the capacity drops the oldest in O(1),
 * where an array's shift() moves every item (the audit log and the watch cache's event window
 * add one item per request).
 */
export class Ring<T> {
  private readonly items: (T | undefined)[];
  private next = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Adds an item; returns true when that dropped the oldest. */
  push(item: T): boolean {
    this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) {
      this.count++;
      return false;
    }
    return true;
  }

  /** The oldest item held, if any. */
  oldest(): T | undefined {
    return this.count === 0 ? undefined : this.at(0);
  }

  /** The newest `n` items (all by default), oldest first. */
  newest(n = this.count): T[] {
    const take = Math.min(n, this.count);
    const out: T[] = [];
    for (let i = this.count - take; i < this.count; i++) out.push(this.at(i));
    return out;
  }

  /** Every item, oldest first. */
  forEach(fn: (item: T) => void): void {
    for (let i = 0; i < this.count; i++) fn(this.at(i));
  }

  /** The i-th item from the oldest. */
  private at(i: number): T {
    return this.items[(this.next - this.count + i + this.capacity) % this.capacity] as T;
  }
}
