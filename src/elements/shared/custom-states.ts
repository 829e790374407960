/**
 * Mirror a record of booleans into an element's custom states (`:state(name)` in CSS), the
 * loop six elements each wrote by hand. Owns only the add/delete; the element decides what
 * the states mean. Browsers without CustomStateSet (or that reject a name) are tolerated:
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
