/**
 * Fetches an action's stdout/stderr lazily (only when its details are open) and renders it:
 * ANSI colours as text-only spans (the tokenizer is a lazy part asked for by the first line with
 * an escape sequence: until it arrives such lines show their text without the sequences), and a
 * windowed view by line when the output is large (lines never wrap there, so every line is one
 * fixed height: the shared fixed window).
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { hasAnsi, stripAnsi, type AnsiColour } from '../shared/ansi.js';
import type { LazyPart } from '../shared/lazy-part.js';
import { FixedWindowController, renderWindow } from '../shared/window/index.js';

export type OutputStream = 'stdout' | 'stderr';
export type OutputFetcher = (id: string, which: OutputStream, signal: AbortSignal) => Promise<string>;

export type OutputState =
  | { state: 'idle' }
  | { state: 'loading' }
  | { state: 'ok'; text: string; lines: string[] }
  | { state: 'error'; message: string };

/** Above this many lines only the visible lines of the output are rendered. */
export const VIRTUAL_LINES = 200;
/** Height of one output line in the windowed view (px; the CSS line-height of .output). */
export const OUTPUT_LINE_PX = 18;

export function outputUrl(base: string, id: string, which: OutputStream): string {
  return `${base}/live/activities/${encodeURIComponent(id)}/output/${which}`;
}

export function httpFetcher(base: () => string): OutputFetcher {
  return async (id, which, signal) => {
    const res = await fetch(outputUrl(base(), id, which), { signal });
    if (res.status === 404) throw new Error('Output is no longer available (404).');
    if (!res.ok) throw new Error(`Could not load ${which}: HTTP ${res.status}`);
    return res.text();
  };
}

export class OutputController implements ReactiveController {
  readonly results: Record<OutputStream, OutputState> = { stdout: { state: 'idle' }, stderr: { state: 'idle' } };
  private keys: Record<OutputStream, string | null> = { stdout: null, stderr: null };
  private aborts: Record<OutputStream, AbortController | null> = { stdout: null, stderr: null };
  /** The fixed windows of the large-output views, one per stream. */
  readonly windows: Record<OutputStream, FixedWindowController>;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly fetcher: () => OutputFetcher,
  ) {
    host.addController(this);
    const win = (which: OutputStream) =>
      new FixedWindowController(host, () => {
        const r = this.results[which];
        return { length: r.state === 'ok' ? r.lines.length : 0, rowHeight: OUTPUT_LINE_PX, overscan: 10 };
      });
    this.windows = { stdout: win('stdout'), stderr: win('stderr') };
  }

  /** Attach the windows to their scrollers (call from the host's updated()). */
  attach(root: ParentNode): void {
    for (const which of ['stdout', 'stderr'] as const) {
      this.windows[which].attach(root.querySelector<HTMLElement>(`.output.virtual[data-stream=${which}]`));
      this.windows[which].apply();
    }
  }

  hostDisconnected(): void {
    this.clear();
  }

  clear(): void {
    for (const which of ['stdout', 'stderr'] as const) {
      this.aborts[which]?.abort();
      this.aborts[which] = null;
      this.keys[which] = null;
      this.results[which] = { state: 'idle' };
    }
  }

  /**
   * Load `which` for `id` unless already loaded for the same key. The key includes the
   * reported size, so output that grows (an action still running) is fetched again.
   */
  ensure(id: string, which: OutputStream, sizeKey: string): void {
    const key = `${id}\u0000${sizeKey}`;
    if (this.keys[which] === key) return;
    // Another action's output starts at its top; a refresh of the same one keeps the position.
    if (this.keys[which]?.split('\u0000')[0] !== id) this.windows[which].scrollTop = 0;
    this.keys[which] = key;
    this.aborts[which]?.abort();
    const abort = new AbortController();
    this.aborts[which] = abort;
    // Keep showing the previous text while a refresh loads.
    if (this.results[which].state !== 'ok') this.results[which] = { state: 'loading' };
    this.fetcher()(id, which, abort.signal).then(
      (text) => {
        if (abort.signal.aborted) return;
        const lines = text.split('\n');
        if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
        this.results[which] = { state: 'ok', text, lines };
        this.host.requestUpdate();
      },
      (err: unknown) => {
        if (abort.signal.aborted) return;
        this.results[which] = { state: 'error', message: err instanceof Error ? err.message : String(err) };
        this.host.requestUpdate();
      },
    );
  }

  /** Mark a stream as having no output, without fetching. */
  none(which: OutputStream): void {
    this.aborts[which]?.abort();
    this.keys[which] = null;
    this.results[which] = { state: 'ok', text: '', lines: [] };
  }
}

/** The ANSI tokenizer's lazy part (shared/ansi.ts `loadAnsiColour`). */
export type AnsiPart = Pick<LazyPart<AnsiColour>, 'need'>;

function renderLine(line: string, ansi: AnsiPart): TemplateResult {
  const colour = hasAnsi(line) ? ansi.need() : null;
  return html`<span class="line">${(colour ? colour.renderAnsi(line) : stripAnsi(line)) || '\u200b'}</span>`;
}

export function renderOutput(result: OutputState, label: OutputStream, win: FixedWindowController, ansi: AnsiPart): TemplateResult | typeof nothing {
  switch (result.state) {
    case 'idle':
      return nothing;
    case 'loading':
      return html`<p class="output-state" role="status">Loading ${label}…</p>`;
    case 'error':
      return html`<p class="output-state error" role="alert">${result.message}</p>`;
    case 'ok':
      if (result.lines.length === 0) return html`<p class="output-state">No output.</p>`;
      if (result.lines.length > VIRTUAL_LINES) {
        const lines = result.lines;
        return html`<div class="output virtual" part="output" data-stream=${label} tabindex="0" role="log" aria-label=${`${label}, ${lines.length} lines`}>${renderWindow(
          lines.length,
          OUTPUT_LINE_PX,
          win.range(),
          (i) => renderLine(lines[i]!, ansi),
        )}</div>`;
      }
      return html`<pre class="output" part="output" tabindex="0" aria-label=${label}>${result.lines.map((l) => renderLine(l, ansi))}</pre>`;
  }
}
