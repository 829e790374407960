/**
 * The rows one page of the rollout table shows, in order: each rollout of the page, and under an
 * expanded one its attempts (or a loading / error / skipped row); how a refresh's latest attempts
 * fold into histories already loaded; whether any shown cell counts with the clock. Pure (no DOM):
 * the element renders these rows, the attempts controller keeps the histories.
 */
import type { Attempt, Rollout } from '../../streams/agl.js';
import type { SkippedItem } from '../../streams/decoders/agl.js';
import { isExpandable, isOpen } from './rollout-fields.js';

/** A rollout's attempt history: loading (with why, when retrying), failed, or loaded. */
export type AttemptsState =
  | { state: 'loading'; reason: string | null }
  | { state: 'error'; reason: string }
  | { state: 'ready'; attempts: Attempt[]; skipped?: SkippedItem[] };

export type DisplayRow =
  | { kind: 'rollout'; key: string; rollout: Rollout }
  | { kind: 'attempt'; key: string; rollout: Rollout; attempt: Attempt }
  | { kind: 'loading'; key: string; rollout: Rollout; reason: string | null }
  | { kind: 'error'; key: string; rollout: Rollout; reason: string }
  | { kind: 'skipped'; key: string; rollout: Rollout; skipped: SkippedItem[]; shown: number };

/**
 * The page's rows: `slice` holds indices into `rollouts` in display order. Rollout rows are keyed
 * by position on the page, so that a page change, sort or filter updates the same row elements in
 * place (text only) instead of replacing them; nested rows (keyed by rollout and attempt) insert
 * between.
 */
export function pageRows(
  rollouts: readonly Rollout[],
  slice: ArrayLike<number>,
  expanded: ReadonlySet<string>,
  attempts: ReadonlyMap<string, AttemptsState>,
): DisplayRow[] {
  const rows: DisplayRow[] = [];
  for (let j = 0; j < slice.length; j++) {
    const r = rollouts[slice[j]];
    rows.push({ kind: 'rollout', key: `#${j}`, rollout: r });
    if (expanded.size && expanded.has(r.rollout_id) && isExpandable(r)) pushAttemptRows(rows, r, attempts.get(r.rollout_id));
  }
  return rows;
}

function pushAttemptRows(rows: DisplayRow[], r: Rollout, st: AttemptsState | undefined): void {
  const id = r.rollout_id;
  if (!st || st.state === 'loading') rows.push({ kind: 'loading', key: `${id}\u0000loading`, rollout: r, reason: st?.state === 'loading' ? st.reason : null });
  else if (st.state === 'error') rows.push({ kind: 'error', key: `${id}\u0000error`, rollout: r, reason: st.reason });
  else {
    for (const a of st.attempts) rows.push({ kind: 'attempt', key: `${id}\u0000${a.attempt_id}`, rollout: r, attempt: a });
    if (st.skipped?.length) rows.push({ kind: 'skipped', key: `${id}\u0000skipped`, rollout: r, skipped: st.skipped, shown: st.attempts.length });
  }
}

/** Attempts in the order they were made. */
export function bySequence(attempts: readonly Attempt[]): Attempt[] {
  return [...attempts].sort((a, b) => a.sequence_id - b.sequence_id);
}

/**
 * A refresh carries each rollout's latest attempt: fold it into the histories already loaded
 * (no request). Returns the new map, or null when nothing changed.
 */
export function mergeLatestAttempts(
  states: ReadonlyMap<string, AttemptsState>,
  rollouts: readonly Rollout[],
): Map<string, AttemptsState> | null {
  if (states.size === 0) return null;
  const byId = new Map<string, Rollout | undefined>();
  for (const id of states.keys()) byId.set(id, undefined);
  for (const r of rollouts) if (byId.has(r.rollout_id)) byId.set(r.rollout_id, r);
  let next: Map<string, AttemptsState> | null = null;
  for (const [id, st] of states) {
    const latest = byId.get(id)?.attempt;
    if (st.state !== 'ready' || !latest) continue;
    const i = st.attempts.findIndex((a) => a.attempt_id === latest.attempt_id);
    if (i >= 0 && st.attempts[i] === latest) continue;
    const attempts = [...st.attempts];
    if (i >= 0) attempts[i] = latest;
    else attempts.push(latest);
    (next ??= new Map(states)).set(id, { state: 'ready', attempts: bySequence(attempts), skipped: st.skipped });
  }
  return next;
}

/** True when a shown cell changes with the clock (a running duration, a heartbeat's age). */
export function rowsCount(rows: readonly DisplayRow[]): boolean {
  return rows.some((r) =>
    r.kind === 'rollout'
      ? isOpen(r.rollout, r.rollout.attempt) || r.rollout.attempt?.last_heartbeat_time != null
      : r.kind === 'attempt' && (isOpen(r.rollout, r.attempt) || r.attempt.last_heartbeat_time != null),
  );
}
