/**
 * The rows of one sorted order that pass the filters, computed only as far as they are needed:
 * a page asks for its rows, the walk of the order stops when it has them, and idle time carries
 * it on to the end (`step`), after which every page and the count are at hand. So a filter or a
 * search keystroke pays in its frame for one page of matches, not for a walk of every row.
 * The count can be known before the walk ends (the model counts status and mode filters from a
 * histogram); with a search it is known when the walk ends. Pure (no DOM).
 */

/** Rows tested per idle step (a few ms at most). */
const STEP_ROWS = 25_000;

export class FilteredView {
  private out: Uint32Array;
  private found: number;
  /** Position in `order` the walk has reached. */
  private at: number;

  /**
   * @param order Row indices in display order.
   * @param test Does row `i` pass? Null: every row passes.
   * @param knownCount How many rows pass, when known without walking (else null).
   */
  constructor(
    private readonly order: Uint32Array,
    private readonly test: ((i: number) => boolean) | null,
    private readonly knownCount: number | null = null,
  ) {
    if (test) {
      this.out = new Uint32Array(knownCount ?? order.length);
      this.found = 0;
      this.at = 0;
    } else {
      this.out = order;
      this.found = order.length;
      this.at = order.length;
    }
  }

  /** A view whose rows are already known, in order. */
  static of(rows: Uint32Array): FilteredView {
    return new FilteredView(rows, null);
  }

  /** True when the walk has reached the end of the order. */
  get complete(): boolean {
    return this.at >= this.order.length;
  }

  /** How many rows pass, or null while a walk that must count is still going. */
  get count(): number | null {
    return this.complete ? this.found : this.knownCount;
  }

  /** Rows found so far (a lower bound of the count while the walk goes on). */
  get foundSoFar(): number {
    return this.found;
  }

  /** The rows `from` … `from + size` (fewer at the end), walking as far as needed. */
  slice(from: number, size: number): Uint32Array {
    this.walk(from + size, Infinity);
    return this.out.subarray(Math.min(from, this.found), Math.min(this.found, from + size));
  }

  /** Walk a little further (idle time). Returns true when complete. */
  step(rows = STEP_ROWS): boolean {
    this.walk(Infinity, rows);
    return this.complete;
  }

  /** Every row that passes, walking to the end. */
  all(): Uint32Array {
    this.walk(Infinity, Infinity);
    return this.found === this.out.length ? this.out : this.out.subarray(0, this.found);
  }

  private walk(want: number, budget: number): void {
    const test = this.test;
    if (!test) return;
    const order = this.order;
    const n = order.length;
    let out = this.out;
    let j = this.at;
    let w = this.found;
    const end = Math.min(n, j + budget);
    while (j < end && w < want) {
      const i = order[j++];
      if (test(i)) {
        if (w === out.length) {
          // The known count was wrong (cannot happen unless the rows changed): grow.
          const bigger = new Uint32Array(Math.min(n, out.length * 2 + 16));
          bigger.set(out);
          out = this.out = bigger;
        }
        out[w++] = i;
      }
    }
    this.at = j;
    this.found = w;
  }
}
