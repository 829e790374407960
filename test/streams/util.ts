/** Helpers shared by the hub's browser tests. */
import type { Subscription } from 'rxjs';
import type { FeedItem } from '../../src/streams/decoders/feed.js';
import type { FeedSource } from '../../src/streams/hub.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';

/** The samples' seeded PRNG (mulberry32), so randomized tests replay exactly. */
export { rng as seeded } from '../../src/elements/shared/cluster/cluster-samples.js';

/**
 * A sandbox maker for one test file (call at its top): sandboxes made with `defaults` (and
 * each call's options), all disposed after each test.
 */
export function sandboxPerTest(defaults: Record<string, unknown>): (opts?: Record<string, unknown>) => Promise<Sandbox> {
  let made: Sandbox[] = [];
  afterEach(async () => {
    await Promise.all(made.map((s) => s.dispose()));
    made = [];
  });
  return async (opts = {}) => {
    const sb = await createSandbox({ ...defaults, ...opts });
    made.push(sb);
    return sb;
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const start = performance.now();
  while (!(await cond())) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(10);
  }
}

/** Records every item (deduplicated stream) of a source, and malformed ids reported by the hub. */
export class Recorder<E, S> {
  readonly ids: number[] = [];
  readonly resets: (number | null)[] = [];
  readonly malformed: (number | null)[] = [];
  sub: Subscription;
  constructor(source: FeedSource<E, S>) {
    this.sub = source.items$.subscribe((item: FeedItem<E, S>) => {
      if (item.type === 'reset') this.resets.push(item.id);
      else this.ids.push(item.id);
    });
  }
  /** Highest id accounted for (delivered, malformed, or a snapshot's). */
  get high(): number {
    return Math.max(-1, ...this.ids.slice(-1), ...(this.malformed.filter((x) => x !== null) as number[]).slice(-1), ...(this.resets.filter((x) => x !== null) as number[]).slice(-1));
  }
  stop(): void {
    this.sub.unsubscribe();
  }
}

/** A fetch that records each request's URL and headers (to check what a reconnect carried). */
export function recordingFetch(log: { url: string; lastEventId: string | null; at: number }[]) {
  return (input: string, init?: RequestInit) => {
    const h = new Headers(init?.headers);
    log.push({ url: input, lastEventId: h.get('last-event-id'), at: performance.now() });
    return fetch(input, init);
  };
}
