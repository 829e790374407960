import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { ref as litRef } from 'lit/directives/ref.js';
import { BehaviorSubject, NEVER, Observable, of } from 'rxjs';
import type { LogLine } from '../../streams/models.js';
import type { Batch, HubLike, LogGap, SourceStatus, StreamSource } from '../../streams/types.js';
import './log-console.define.js';
import type { LogConsole } from './log-console.js';
import { sampleLine, sampleLines, showcaseLines } from './log-samples.js';

/** A stand-in hub for stories: logs() streams generated lines with a given status. */
function storyHub(opts: { state?: SourceStatus['state']; reason?: string; rate?: number; history?: number; silent?: boolean }): HubLike {
  const status = (stream: string): SourceStatus => ({
    key: stream,
    state: opts.state ?? 'live',
    reason: opts.reason ?? null,
    lastEventAt: Date.now(),
    retryAt: opts.state === 'reconnecting' ? Date.now() + 4000 : null,
    counters: { events: 0, malformed: 0, reconnects: 0, dropped: 0 },
    refreshing: false,
    role: 'solo',
  });
  const logs = (_base: string, stream: string): StreamSource<LogLine, LogGap> => {
    const batches$ = opts.silent
      ? (NEVER as Observable<Batch<LogLine, LogGap>>)
      : new Observable<Batch<LogLine, LogGap>>((sub) => {
          let i = 0;
          const now = Date.now();
          const stamp = (l: LogLine): LogLine => ({ ...l, source: stream, time: now - (opts.history ?? 0) * 40 + l.id * 40 });
          sub.next({ reset: null, events: sampleLines(opts.history ?? 300, stream).map(stamp) });
          i = opts.history ?? 300;
          if (!opts.rate) return;
          const timer = setInterval(() => {
            const n = Math.max(1, Math.round((opts.rate! * 100) / 1000));
            const events: LogLine[] = [];
            for (let k = 0; k < n; k++, i++) events.push({ ...sampleLine(i, stream), time: Date.now() });
            sub.next({ reset: null, events });
          }, 100);
          return () => clearInterval(timer);
        });
    return { key: stream, batches$, status$: new BehaviorSubject(status(stream)) };
  };
  return {
    logs,
    live: () => {
      throw new Error('not in stories');
    },
    tasks: () => {
      throw new Error('not in stories');
    },
    rest: () => {
      throw new Error('not in stories');
    },
    statuses$: of([]),
  } as unknown as HubLike;
}

const meta: Meta = {
  title: 'Elements/log-console',
  component: 'log-console',
  parameters: { layout: 'fullscreen' },
  render: () => html`<log-console style="--log-console-height: 520px" .hub=${storyHub({ rate: 40 })} streams="scheduler"></log-console>`,
};
export default meta;
type Story = StoryObj;

/** Replay then the live tail (40 lines/s), following the newest line. */
export const Live: Story = {};

/** Lines given by property: ANSI colours, every level, grouped repeats, a lost-lines marker. */
export const Showcase: Story = {
  render: () => {
    const lines = showcaseLines();
    return html`<log-console
      style="--log-console-height: 520px"
      .lines=${lines}
      ${ref((el) => {
        el.appendGap({ from: 49, to: 1248 }, 'scheduler');
        el.append(sampleLines(8, 'scheduler', 1248));
      })}
    ></log-console>`;
  },
};

/** The user scrolled up: following stops, new lines are counted on the "N new lines" button. */
export const PausedWithNewLines: Story = {
  render: () => html`<log-console
    style="--log-console-height: 520px"
    .lines=${sampleLines(2000)}
    ${ref(async (el) => {
      // ref() also fires with undefined on teardown, and before the element has upgraded.
      if (!el) return;
      await customElements.whenDefined('log-console');
      await new Promise((r) => setTimeout(r, 300));
      const vp = el.shadowRoot?.querySelector<HTMLElement>('.viewport');
      if (!vp) return;
      vp.dispatchEvent(new WheelEvent('wheel', { deltaY: -200 }));
      vp.scrollTop = 12000;
      setTimeout(() => el.append(sampleLines(137, 'scheduler', 2000)), 200);
    })}
  ></log-console>`,
};

/**
 * Keyboard: the log is one Tab stop. ↑/↓ move from line to line (a focused line holds still:
 * following pauses), PageUp/PageDown by a view, Home to the first line, End back to following;
 * `c` copies the focused line, Tab from it reaches its Copy button, then "↓ N new lines". Here a
 * line already has focus.
 */
export const Keyboard: Story = {
  render: () => html`<log-console
    style="--log-console-height: 520px"
    .lines=${sampleLines(400)}
    ${ref(async (el) => {
      await customElements.whenDefined('log-console');
      await el.updateComplete;
      await new Promise((r) => requestAnimationFrame(r));
      const vp = el.shadowRoot?.querySelector<HTMLElement>('.viewport');
      vp?.focus();
      vp?.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true, composed: true }));
    })}
  ></log-console>`,
};

/** Text and negative filter with matches highlighted, warnings and errors only. */
export const Filtered: Story = {
  render: () => html`<log-console style="--log-console-height: 520px" .lines=${sampleLines(5000)} filter="worker-0 -memory" levels="warn,error"></log-console>`,
};

/** A regex filter: /act-1\d{3}7/. */
export const RegexFilter: Story = {
  render: () => html`<log-console style="--log-console-height: 520px" .lines=${sampleLines(5000)} filter="/act-1\\d{3}7/"></log-console>`,
};

/** An invalid regex is reported inline; the other terms still apply. */
export const InvalidRegex: Story = {
  render: () => html`<log-console style="--log-console-height: 520px" .lines=${sampleLines(300)} filter="/([a-z/"></log-console>`,
};

/** Waiting for the first lines. */
export const Loading: Story = {
  render: () => html`<log-console style="--log-console-height: 360px" .hub=${storyHub({ state: 'connecting', silent: true })} streams="scheduler"></log-console>`,
};

/** Connected, nothing written yet. */
export const Empty: Story = {
  render: () => html`<log-console style="--log-console-height: 360px" .lines=${[]}></log-console>`,
};

/** Every line hidden by the filters. */
export const NothingMatches: Story = {
  render: () => html`<log-console style="--log-console-height: 360px" .lines=${sampleLines(500)} filter="no-such-text"></log-console>`,
};

/** The stream cannot be read (404): no retry storm, a clear message. */
export const ErrorState: Story = {
  name: 'Error',
  render: () => html`<log-console
    style="--log-console-height: 360px"
    .hub=${storyHub({ state: 'error', reason: 'HTTP 404 Not Found: no log stream worker-99', silent: true })}
    streams="worker-99"
  ></log-console>`,
};

/** Reconnecting: the lines shown may be behind. */
export const Stale: Story = {
  render: () => html`<log-console
    style="--log-console-height: 420px"
    .hub=${storyHub({ state: 'reconnecting', reason: 'network error: connection reset', history: 200 })}
    streams="scheduler"
  ></log-console>`,
};

/** Several streams: a source column and a source filter. */
export const ManySources: Story = {
  render: () => html`<log-console style="--log-console-height: 520px" .hub=${storyHub({ rate: 30, history: 150 })} streams="scheduler,cas,worker-01,worker-02"></log-console>`,
};

/** Long lines wrapped (a variable-height window: only the rows in view are drawn). */
export const Wrapped: Story = {
  render: () => html`<log-console style="--log-console-height: 520px" wrap .lines=${showcaseLines()}></log-console>`,
};

/** Dark colour scheme. */
export const Dark: Story = {
  parameters: { theme: 'dark' },
  render: () => html`<log-console style="--log-console-height: 520px" .hub=${storyHub({ rate: 40, history: 400 })} streams="scheduler,cas"></log-console>`,
};

/** 10,000 lines/s into a 1,000,000-line buffer. */
export const Firehose: Story = {
  render: () => html`<log-console style="--log-console-height: 520px" max-lines="1000000" .hub=${storyHub({ rate: 10000, history: 1000 })} streams="scheduler"></log-console>`,
};

/** Calls `fn` with the element once it is rendered. */
function ref(fn: (el: LogConsole) => void) {
  let done = false;
  return litRef((el?: Element) => {
    if (el && !done) {
      done = true;
      void fn(el as LogConsole);
    }
  });
}
