/**
 * A part of an element loaded after its first paint (a dynamic import): asked for when the
 * element connects, or — `onUse` — only when a render first needs it (a details panel, a
 * non-default view). Its templates are used once loaded, and its styles are adopted into the
 * element's shadow root beside the element's own. Until then `value` is null and the host renders without
 * it; the host updates when it arrives, and its `updateComplete` waits for a part a render
 * needed (the host's getUpdateComplete calls `whenNeeded`). Keeps a page's first load to what a first paint shows.
 */
import { adoptStyles, supportsAdoptingStyleSheets, type CSSResultOrNative, type ReactiveController, type ReactiveControllerHost, type ReactiveElement } from 'lit';

export class LazyPart<M extends { styles: readonly CSSResultOrNative[] }> implements ReactiveController {
  value: M | null = null;
  private wanted = false;
  private loading: Promise<M> | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & ReactiveElement,
    private readonly load: () => Promise<M>,
    private readonly onUse = false,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    // Not on the server (no shadow root to adopt into, nothing to wait for).
    if (typeof window !== 'undefined' && !this.onUse) this.get().catch(noop);
  }

  /** The part if loaded; else null (loading it), and the host's `updateComplete` waits for it (see `whenNeeded`). */
  need(): M | null {
    if (!this.value) {
      this.wanted = true;
      if (typeof window !== 'undefined') this.get().catch(noop);
    }
    return this.value;
  }

  /** Resolves when a part the last render needed has arrived (and the host re-rendered with it). */
  async whenNeeded(): Promise<boolean> {
    if (!this.wanted || this.value) return false;
    try {
      await this.get();
      return true;
    } catch {
      return false; // not loaded (the host renders without it); asked for again on the next need()
    }
  }

  /** The part, loading it if need be; a failed load (server gone) is tried again on the next call. */
  get(): Promise<M> {
    this.loading ??= this.load().then((m) => {
      this.value = m;
      const root = this.host.renderRoot;
      // Added beside what the root has (the element's own styles, other parts'), never replacing it.
      if (root instanceof ShadowRoot && m.styles.length) {
        if (supportsAdoptingStyleSheets) {
          const sheets = m.styles.map((x) => (x instanceof CSSStyleSheet ? x : x.styleSheet)).filter((x): x is CSSStyleSheet => !!x);
          root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets];
        } else adoptStyles(root, [...m.styles]); // <style> elements, appended
      }
      this.host.requestUpdate();
      return m;
    }, (e: unknown) => {
      this.loading = null;
      this.wanted = false;
      throw e;
    });
    return this.loading;
  }
}

const noop = (): void => {};
