/**
 * Key handling loaded on first use: a dynamic import asked for by the first event kept (the
 * first focus in a list, or a key), with the events that come before it arrives kept and replayed
 * in order once it does (shared/lazy-part.ts loads it; the host's `updateComplete` waits for it
 * while events wait). The row keyboard (row-focus-controller.ts) loads this way.
 *
 * Owns: the queue and its replay. A key is kept only if a list may act on it (moves,
 * a letter, Enter and Space but not on a button or link, which the browser clicks; never in a
 * text field or with Alt/Ctrl/Meta), with its default prevented so nothing scrolls under it;
 * each kept event runs after the focus move of the one before and goes to what has focus then,
 * so it lands where it would have. If the import fails (server gone) nothing throws, the kept
 * events are dropped, keys are the browser's, and the next focus tries again.
 */
import type { ReactiveControllerHost, ReactiveElement } from 'lit';
import { LazyPart } from './lazy-part.js';

export type LazyKeysHost = ReactiveControllerHost & ReactiveElement;

export class LazyKeys<T> {
  /** The key handling, once loaded. */
  value: T | null = null;
  private readonly part: LazyPart<{ styles: [] }>;
  /** What waits for the key handling, in order. */
  protected kept: (() => void)[] = [];
  /** The last load failed: keys are the browser's until a focus tries again. */
  private failed = false;
  private replaying = false;
  /** A kept event's handler is running: what it passes on runs at once. */
  private running = false;

  /** `name`: the key handling's module (a LazyPart's name); `moving`: what a handler set going (a focus move), for the next kept event to wait for. */
  constructor(
    protected readonly host: LazyKeysHost,
    name: string,
    load: () => Promise<T>,
    private readonly moving?: (value: T) => unknown,
  ) {
    this.part = new LazyPart(
      host,
      name,
      () =>
        load().then((v) => {
          this.loaded((this.value = v));
          // Once the part is in place (the host's updateComplete no longer waits for it).
          void this.part.get().then(() => this.replay());
          return { styles: [] as [] };
        }),
      true,
    );
  }

  /**
   * `handler` runs now once the key handling is here. Before that, a focus (or a key while it
   * loads) is kept and `handler` runs with a copy of it when it arrives, after what came before.
   */
  defer<E extends Event>(handler: (ev: E, value: T) => void): (ev: E) => void {
    return (ev) => {
      const key = ev.type === 'keydown';
      // Loaded: at once, but a key waits behind the kept ones (a focus then is their doing: at once too).
      if (this.value && (this.running || !this.kept.length || !key)) return handler(ev, this.value);
      if (key) {
        if (this.failed || !takenKey(ev as unknown as KeyboardEvent)) return;
        ev.preventDefault();
      }
      const list = ev.currentTarget;
      const copy = { defaultPrevented: false } as Record<string, unknown>;
      for (const k in ev) if (!(k in copy)) copy[k] = ev[k as keyof E];
      let path = ev.composedPath();
      this.keep(() => {
        // A key goes to what has focus now (a kept key before it may have moved it), if that is still where it was bound.
        const now = focusPath();
        if (key && now.includes(list!)) path = now;
        handler(Object.assign(copy, { target: path[0], composedPath: () => path, preventDefault() {}, stopPropagation() {} }) as unknown as E, this.value!);
      });
    };
  }

  /** Loads it now for a call that needs it; false if it could not be loaded. */
  protected async ready(): Promise<boolean> {
    if (!this.value) {
      this.part.need();
      await this.load();
    }
    return !!this.value;
  }

  /** Called when it has loaded, before the kept events run. */
  protected loaded(_value: T): void {}

  /** Keep `run` behind the events kept before it (loading the key handling if need be). */
  protected keep(run: () => void): void {
    this.kept.push(run);
    if (!this.value) {
      this.failed = false;
      this.part.need();
      // need() does not ask again for a part whose load failed (lazy-part.ts); a new focus does.
      void this.load();
    }
  }

  /** Loads it (or waits for the load under way); if that fails, what was kept is dropped and keys are the browser's. */
  private load(): Promise<unknown> {
    return this.part.get().catch(() => {
      this.failed = true;
      this.kept = [];
    });
  }

  /** The kept events, in order, each after what the one before set going (so it lands where it would have). */
  private async replay(): Promise<void> {
    if (this.replaying) return;
    this.replaying = true;
    for (let run; (run = this.kept.shift()); ) {
      this.running = true;
      try {
        run();
      } catch (e) {
        reportError(e); // as an event handler's error would be; the next events still run
      }
      this.running = false;
      await this.moving?.(this.value!);
      await this.host.updateComplete;
    }
    this.replaying = false;
  }
}

/** The focused element and its ancestors through shadow roots, as a composed path from it. */
function focusPath(): EventTarget[] {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  const path: EventTarget[] = [];
  for (let n: Node | null = a; n; n = n.parentNode ?? (n as ShadowRoot).host ?? null) path.push(n);
  return [...path, window];
}

/** A key a list may act on: moves, a letter, Enter and Space (not on a button or link: the browser clicks those); never in a text field or with Alt/Ctrl/Meta. */
function takenKey(ev: KeyboardEvent): boolean {
  const t = ev.composedPath()[0] as HTMLElement;
  return (
    !(ev.defaultPrevented || ev.altKey || ev.ctrlKey || ev.metaKey || t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) &&
    (/^(Enter| )$/.test(ev.key) ? !/^(BUTTON|A|SUMMARY)$/.test(t.tagName) : /^(Arrow|Page)|^(Home|End|.)$/u.test(ev.key))
  );
}
