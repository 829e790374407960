/**
 * How a hub source is named and how its status is held: the stable key of a URL and its
 * options (same key, same shared source), and StatusCell, which publishes state changes at
 * once and counter-only changes at most every `throttleMs` (none while the page is hidden;
 * the latest when it is shown). Used by every source kind (feed and REST). No DOM needed.
 */
import { BehaviorSubject, isObservable } from 'rxjs';
import type { SourceStatus } from './types.js';

/** The key a source is shared under: its URL, plus its plain options in a stable order. */
export function stableKey(url: string, o: object): string {
  const entries = Object.entries(o)
    .filter(([, v]) => v !== undefined && typeof v !== 'function' && !isObservable(v))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => [k, v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort()) : v]);
  return entries.length ? `${url} ${JSON.stringify(Object.fromEntries(entries))}` : url;
}

/** The status of a source that has not connected yet. */
export function initialStatus(key: string): SourceStatus {
  return {
    key,
    state: 'connecting',
    reason: null,
    lastEventAt: null,
    retryAt: null,
    counters: { events: 0, malformed: 0, reconnects: 0, dropped: 0 },
    refreshing: false,
    role: 'solo',
  };
}

const hiddenCells = new Set<StatusCell>();
let visibilityHooked = false;

/** While the document is hidden, remember `cell` and publish it when the document is shown; false when visible. */
function whenShown(cell: StatusCell): boolean {
  const doc = (globalThis as { document?: Document }).document;
  if (doc?.hidden !== true) return false;
  hiddenCells.add(cell);
  if (!visibilityHooked) {
    visibilityHooked = true;
    doc.addEventListener('visibilitychange', () => {
      if (doc.hidden) return;
      const cells = [...hiddenCells];
      hiddenCells.clear();
      for (const c of cells) c.publish();
    });
  }
  return true;
}

/** Holds a source's status; state changes publish at once, counter changes at most every `throttleMs`. */
export class StatusCell {
  readonly subject: BehaviorSubject<SourceStatus>;
  private value: SourceStatus;
  private timer: ReturnType<typeof setTimeout> | null = null;
  constructor(
    key: string,
    private readonly throttleMs: number,
    private readonly onPublish: () => void,
  ) {
    this.value = initialStatus(key);
    this.subject = new BehaviorSubject(this.value);
  }
  get(): SourceStatus {
    return this.value;
  }
  /** Change state/reason/…: published at once. */
  set(patch: Partial<SourceStatus>): void {
    this.value = { ...this.value, ...patch, counters: { ...this.value.counters, ...patch.counters } };
    this.publish();
  }
  /** Change counters or lastEventAt: published soon. */
  bump(fn: (s: SourceStatus) => void): void {
    const next = { ...this.value, counters: { ...this.value.counters } };
    fn(next);
    this.value = next;
    // A hidden page gets no counter-only publication (nothing to re-render); it gets the latest when shown.
    if (whenShown(this)) return;
    if (this.timer === null)
      this.timer = setTimeout(() => {
        this.timer = null;
        if (!whenShown(this)) this.publish();
      }, this.throttleMs);
  }
  publish(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    hiddenCells.delete(this);
    if (this.subject.value !== this.value) {
      this.subject.next(this.value);
      this.onPublish();
    }
  }
  /** Stop any pending publication (the source closed). */
  flush(): void {
    this.publish();
  }
}
