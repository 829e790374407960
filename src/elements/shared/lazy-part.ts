/**
 * A part of an element loaded after its first paint (a dynamic import): asked for when the
 * element connects, or — `onUse` — only when a render first needs it (a details panel, a
 * non-default view). Its templates are used once loaded, and its styles are adopted into the
 * element's shadow root beside the element's own. Until then `value` is null and the host renders without
 * it; the host updates when it arrives, and its `updateComplete` waits for a part a render
 * needed (the host's getUpdateComplete calls `whenNeeded`). Keeps a page's first load to what a first paint shows.
 * A part that cannot be loaded (its chunk unreachable: the server gone) leaves `value` null and
 * sets `failed`: the host keeps rendering its plain fallback, and the part is asked for again
 * only when the element connects again or someone calls `get()` (not on every render).
 * Every part has a name (its module's file name, e.g. 'error-state') and every load goes through
 * the one static `LazyPart.load`: where a test makes a named part fail or arrive late.
 */
import { adoptStyles, supportsAdoptingStyleSheets, type CSSResultOrNative, type ReactiveController, type ReactiveControllerHost, type ReactiveElement } from 'lit';

export class LazyPart<M extends { styles: readonly CSSResultOrNative[] }> implements ReactiveController {
  /** Every part's import, by the part's name: the import itself (a test replaces this to fail or hold back a named part). */
  static load = <T>(_name: string, load: () => Promise<T>): Promise<T> => load();

  value: M | null = null;
  /** Why the last load failed, made an Error once (null: none failed, or a later one succeeded): what the host shows in the part's place. */
  failed: Error | null = null;
  private wanted = false;
  private loading: Promise<M> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & ReactiveElement,
    /** The part's name: its module's file name ('error-state', 'rollout-table.rare'). */
    private readonly name: string,
    private readonly importer: () => Promise<M>,
    private readonly onUse = false,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Not on the server (no shadow root to adopt into, nothing to wait for).
    if (typeof window !== 'undefined' && !this.onUse) this.tryLoad();
  }

  /** The part if loaded; else null (loading it), and the host's `updateComplete` waits for it (see `whenNeeded`). */
  need(): M | null {
    if (!this.value) {
      this.wanted = true;
      if (typeof window !== 'undefined' && !this.failed) this.tryLoad();
    }
    return this.value;
  }

  /** Resolves when a part the last render needed has arrived (and the host re-rendered with it). */
  async whenNeeded(): Promise<boolean> {
    if (!this.wanted || this.value || (this.failed && !this.loading)) return false;
    // A failed load re-rendered the host too (with its fallback): wait for that render as well.
    return this.get().then(() => true, () => true);
  }

  /** The part, loading it if need be. */
  get(): Promise<M> {
    this.loading ??= LazyPart.load(this.name, this.importer).then((m) => {
      this.value = m;
      const root = this.host.renderRoot;
      // Added beside what the root has (the element's own styles, other parts'), never replacing it.
      if (root instanceof ShadowRoot && m.styles.length) {
        if (supportsAdoptingStyleSheets) {
          const sheets = m.styles.map((x) => (x instanceof CSSStyleSheet ? x : x.styleSheet)).filter((x): x is CSSStyleSheet => !!x);
          root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
        } else adoptStyles(root, [...m.styles]); // <style> elements, appended
      }
      this.failed = null;
      this.host.requestUpdate();
      return m;
    }, (err: unknown) => {
      this.failed = err instanceof Error ? err : new Error(String(err));
      this.loading = null;
      this.host.requestUpdate();
      throw err;
    });
    return this.loading;
  }

  /** Load without waiting; a failure is kept in `failed` (no unhandled rejection). */
  private tryLoad(): void {
    this.get().catch(() => {});
  }
}
