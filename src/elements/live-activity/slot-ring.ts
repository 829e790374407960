/**
 * The store's order: a circular buffer of slots, oldest → newest, read newest-first. Adding
 * at the newest end and dropping the oldest are O(1). Pure and DOM-free (unit-tested in test/unit).
 */
import type { ActivityItem } from './activity-item.js';

/** A position in the store's order; the map points at it, so an update replaces `item` in O(1). */
export interface Slot {
  item: ActivityItem;
}

/** Newest first: later start time, then later arrival. */
const newer = (a: ActivityItem, b: ActivityItem) => a.time > b.time || (a.time === b.time && a.seq > b.seq);

/**
 * A circular buffer of slots ordered oldest → newest, indexed newest-first. Adding at the
 * newest end and dropping the oldest are O(1); an item that arrives out of time order is
 * inserted at its place, moving only the slots newer than it.
 */
export class SlotRing {
  private buf: (Slot | undefined)[];
  private head = 0; // index in buf of the oldest
  length = 0;

  constructor(private cap: number) {
    this.buf = new Array(Math.max(1, cap));
  }

  /** The i-th newest (0 = newest). */
  at(i: number): Slot | undefined {
    if (i < 0 || i >= this.length) return undefined;
    return this.buf[(this.head + this.length - 1 - i) % this.cap];
  }

  /** Insert by order (grows the buffer when full; the store evicts right after). */
  insert(slot: Slot): void {
    if (this.length === this.cap) this.grow(this.cap * 2);
    // Walk from the newest end: almost every arrival is the newest, so this is one compare.
    let i = 0;
    while (i < this.length && newer(this.at(i)!.item, slot.item)) i++;
    // Shift the i newer slots one place towards the newest end.
    const base = this.head + this.length;
    for (let k = 0; k < i; k++) this.buf[(base - k) % this.cap] = this.buf[(base - k - 1) % this.cap];
    this.buf[(base - i) % this.cap] = slot;
    this.length++;
  }

  popOldest(): Slot | undefined {
    if (this.length === 0) return undefined;
    const s = this.buf[this.head];
    this.buf[this.head] = undefined;
    this.head = (this.head + 1) % this.cap;
    this.length--;
    return s;
  }

  /** Remove one slot (O(n); removals are rare). */
  remove(slot: Slot): boolean {
    const all = this.toArray().filter((s) => s !== slot);
    if (all.length === this.length) return false;
    this.reset(all.reverse());
    return true;
  }

  /** Newest first. */
  toArray(): Slot[] {
    const out = new Array<Slot>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.at(i)!;
    return out;
  }

  clear(): void {
    this.buf = new Array(this.cap);
    this.head = 0;
    this.length = 0;
  }

  private grow(cap: number): void {
    const all = this.toArray().reverse();
    this.cap = cap;
    this.reset(all);
  }

  /** Replace the content with slots given oldest first. */
  private reset(oldestFirst: Slot[]): void {
    this.buf = new Array(this.cap);
    oldestFirst.forEach((s, k) => (this.buf[k] = s));
    this.head = 0;
    this.length = oldestFirst.length;
  }
}

