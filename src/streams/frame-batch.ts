/**
 * Rendering pressure: hand consumers at most one Batch per animation frame.
 * - Batches arriving within a frame are merged; a `reset` discards what came before it
 *   (the snapshot supersedes it) and is never itself dropped.
 * - The buffer is bounded: past `maxEvents`, either `resync()` replaces the buffer by the
 *   source's current state (lossless for keyed state) or the oldest events are dropped;
 *   either way the count goes to `onDrop`.
 * - While the document is hidden nothing is emitted (folding and bounding go on); on
 *   `visibilitychange` to visible the pending batch is emitted at once.
 * No DOM required: without requestAnimationFrame a ~16 ms timer is used; without `document`
 * the source is always "visible".
 */
import { Observable, type OperatorFunction } from 'rxjs';
import type { Batch } from './types.js';

export type FrameScheduler = (callback: () => void) => () => void;

export interface VisibilityLike {
  hidden(): boolean;
  /** Subscribe to visibility changes; returns an unsubscribe function. */
  onChange(callback: () => void): () => void;
}

export interface FrameBatchOptions<E, S> {
  /** Largest number of events buffered between two emissions. Default 10 000. */
  maxEvents?: number;
  /** How to wait for the next frame. Default: requestAnimationFrame, else setTimeout(16). */
  schedule?: FrameScheduler;
  /** Page visibility. Default: `document` when present, else always visible. */
  visibility?: VisibilityLike | null;
  /** Called with the number of events dropped (or folded into a resync snapshot). */
  onDrop?: (count: number) => void;
  /** On overflow, the source's current state as one batch (a reset); without it the oldest events are dropped. */
  resync?: () => Batch<E, S> | null;
}

export const animationFrameScheduler: FrameScheduler = (cb) => {
  const g = globalThis as { requestAnimationFrame?: (cb: () => void) => number; cancelAnimationFrame?: (h: number) => void };
  if (typeof g.requestAnimationFrame === 'function' && typeof g.cancelAnimationFrame === 'function') {
    const h = g.requestAnimationFrame(cb);
    return () => g.cancelAnimationFrame!(h);
  }
  const t = setTimeout(cb, 16);
  return () => clearTimeout(t);
};

export function documentVisibility(): VisibilityLike | null {
  const doc = (globalThis as { document?: { hidden?: boolean; addEventListener?: Function; removeEventListener?: Function } }).document;
  if (!doc || typeof doc.addEventListener !== 'function') return null;
  return {
    hidden: () => doc.hidden === true,
    onChange: (cb) => {
      doc.addEventListener!('visibilitychange', cb);
      return () => doc.removeEventListener!('visibilitychange', cb);
    },
  };
}

/** Merge `next` into `pending` (a reset supersedes everything before it). */
export function mergeBatch<E, S>(pending: Batch<E, S> | null, next: Batch<E, S>): Batch<E, S> {
  if (next.reset !== null || pending === null) return { reset: next.reset, events: next.events.slice() };
  for (const e of next.events) pending.events.push(e);
  return pending;
}

export function frameBatch<E, S>(options: FrameBatchOptions<E, S> = {}): OperatorFunction<Batch<E, S>, Batch<E, S>> {
  const maxEvents = Math.max(1, options.maxEvents ?? 10_000);
  const schedule = options.schedule ?? animationFrameScheduler;
  return (source) =>
    new Observable<Batch<E, S>>((subscriber) => {
      const visibility = options.visibility === undefined ? documentVisibility() : options.visibility;
      let pending: Batch<E, S> | null = null;
      let cancel: (() => void) | null = null;

      const flush = () => {
        cancel = null;
        if (pending === null) return;
        if (visibility?.hidden()) return; // keep it; the visibility listener flushes later
        const out = pending;
        pending = null;
        subscriber.next(out);
      };
      const request = () => {
        if (cancel === null && !visibility?.hidden()) cancel = schedule(flush);
      };
      const stopVisibility = visibility?.onChange(() => {
        if (!visibility.hidden()) {
          cancel?.();
          flush();
        }
      });

      const sub = source.subscribe({
        next(batch) {
          pending = mergeBatch(pending, batch);
          if (pending.events.length > maxEvents) {
            const resynced = options.resync?.() ?? null;
            if (resynced && resynced.reset !== null) {
              options.onDrop?.(pending.events.length);
              pending = { reset: resynced.reset, events: resynced.events.slice(-maxEvents) };
            } else {
              const excess = pending.events.length - maxEvents;
              pending.events.splice(0, excess);
              options.onDrop?.(excess);
            }
          }
          request();
        },
        error(err) {
          cancel?.();
          cancel = null;
          if (pending) subscriber.next(pending);
          pending = null;
          subscriber.error(err);
        },
        complete() {
          cancel?.();
          cancel = null;
          if (pending) subscriber.next(pending);
          pending = null;
          subscriber.complete();
        },
      });
      return () => {
        sub.unsubscribe();
        cancel?.();
        cancel = null;
        stopVisibility?.();
        pending = null;
      };
    });
}
