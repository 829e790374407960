/**
 * Mirror a record of booleans into an element's custom states (`:state(name)` in CSS), the
 * loop six elements each wrote by hand, and the phase → states map of the REST views
 * ({@link phaseStates}). Owns only the add/delete and that map; the element decides what its
 * states mean. Browsers without CustomStateSet (or that reject a name) are tolerated:
 * the element still works, only `:state()` selectors cannot match there.
 */
export function syncStates(internals: ElementInternals | null | undefined, states: Readonly<Record<string, boolean>>): void {
  const set = internals?.states;
  if (!set) return;
  for (const [name, on] of Object.entries(states)) {
    try {
      if (on) set.add(name);
      else set.delete(name);
    } catch {
      // Older engines only accepted the `--name` spelling, and threw on plain names.
    }
  }
}

/**
 * The custom states of a view's phase — the phase it is in on, the others off (a phase not
 * listed, e.g. `idle`, sets none) — and whether it skipped unreadable records, for
 * {@link syncStates}: the map resources-view and trace-view each wrote in `updated()`.
 */
export function phaseStates(phase: string, skipped: boolean): Record<string, boolean> {
  const states: Record<string, boolean> = { skipped };
  for (const p of ['loading', 'empty', 'error', 'stale', 'live']) states[p] = p === phase;
  return states;
}
