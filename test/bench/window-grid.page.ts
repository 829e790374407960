/**
 * Benchmark page: a worker-board-like card grid of 1,000 items (rows of 4 cards of varied
 * height, each item updated once a second), windowed either by @lit-labs/virtualizer (what
 * worker-board uses) or by the shared window (shared/window: keyed measured heights, a
 * translated block). `?impl=virtualizer|window`. The same cards and data in both.
 */
import { LitElement, css, html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { virtualize } from '@lit-labs/virtualizer/virtualize.js';
import { WindowController, WindowModel, indexRows, renderBlock } from '../../src/elements/shared/window/index.js';

const COUNT = 1000;
const COLS = 4;

interface Item {
  id: string;
  cpu: number;
  mem: number;
  beat: number;
  actions: string[];
}

let seed = 11;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
const tick = (it: Item, now: number): Item => ({
  ...it,
  cpu: Math.round(rnd() * 100),
  mem: Math.round(rnd() * 100),
  beat: now,
  actions: it.actions.length && rnd() < 0.1 ? it.actions.slice(1) : it.actions,
});
let items: Item[] = Array.from({ length: COUNT }, (_, i) => ({
  id: `worker-${String(i).padStart(4, '0')}`,
  cpu: 0,
  mem: 0,
  beat: 0,
  actions: Array.from({ length: i % 5 }, (_, k) => `//pkg/${i}:target_${k} (compile)`),
}));

const styles = css`
  :host { display: block; height: 100vh; }
  .scroller { height: 100%; overflow-y: auto; overflow-anchor: none; contain: strict; }
  .fw-spacer { position: relative; }
  .fw-rows { position: absolute; inset: 0 0 auto 0; }
  .card-row { display: grid; grid-template-columns: repeat(${COLS}, 1fr); gap: 12px; padding: 6px 12px; width: 100%; box-sizing: border-box; }
  .card { border: 1px solid #ccc; border-radius: 8px; padding: 8px; font: 13px system-ui; }
  .card h3 { margin: 0 0 4px; font-size: 14px; }
  .bar { height: 6px; background: #eee; margin: 2px 0; } .bar > i { display: block; height: 100%; background: #36c; }
  ul { margin: 4px 0 0; padding-left: 16px; }
`;

function card(it: Item): TemplateResult {
  return html`<article class="card">
    <h3>${it.id}</h3>
    <div>CPU ${it.cpu}%</div><div class="bar"><i style="width:${it.cpu}%"></i></div>
    <div>Memory ${it.mem}%</div><div class="bar"><i style="width:${it.mem}%"></i></div>
    <div>Last heartbeat ${new Date(it.beat).toISOString().slice(11, 19)}</div>
    ${it.actions.length ? html`<ul>${it.actions.map((a) => html`<li>${a}</li>`)}</ul>` : nothing}
  </article>`;
}

const chunk = (all: Item[]) => {
  const rows: Item[][] = [];
  for (let i = 0; i < all.length; i += COLS) rows.push(all.slice(i, i + COLS));
  return rows;
};

class GridVirtualizer extends LitElement {
  static override styles = styles;
  static override properties = { items: { attribute: false } };
  items: Item[] = [];
  override render() {
    // scroller: true makes .scroller the virtualizer's own scroller (not the page).
    return html`<div class="scroller">${virtualize({
      scroller: true,
      items: chunk(this.items),
      keyFunction: (_r: Item[], i: number) => i,
      renderItem: (row: Item[]) => html`<div class="card-row">${repeat(row, (it) => it.id, card)}</div>`,
    })}</div>`;
  }
}

class GridWindow extends LitElement {
  static override styles = styles;
  static override properties = { items: { attribute: false } };
  items: Item[] = [];
  private rows: Item[][] = [];
  private readonly model = new WindowModel<number>({ policy: 'keyed', rowHeight: 120 });
  private readonly win = new WindowController<number>(this, this.model, {
    overscan: 1,
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.scroller'),
    measureRows: () => this.renderRoot.querySelector('.fw-rows')?.children as HTMLCollectionOf<HTMLElement>,
  });
  override willUpdate() {
    this.rows = chunk(this.items);
    if (this.model.length !== this.rows.length) this.model.setRows(indexRows(this.rows.length));
  }
  override render() {
    return html`<div class="scroller">${renderBlock(this.model, this.win.contentHeight, this.win.range(), (i) => html`<div class="card-row">${repeat(this.rows[i], (it) => it.id, card)}</div>`)}</div>`;
  }
}

customElements.define('grid-virtualizer', GridVirtualizer);
customElements.define('grid-window', GridWindow);

const impl = new URLSearchParams(location.search).get('impl') === 'window' ? 'grid-window' : 'grid-virtualizer';
const el = document.createElement(impl) as GridVirtualizer;
el.items = items;
document.body.append(el);

const w = window as unknown as Record<string, unknown>;
w.__el = el;
w.__updates = 0;
let running = false;
let cursor = 0;
let last = 0;
function frame(t: number): void {
  if (!running) return;
  const due = Math.min(COUNT, Math.round(((t - last) / 1000) * COUNT));
  if (due > 0) {
    last = t;
    const now = Date.now();
    items = items.slice();
    for (let k = 0; k < due; k++) items[(cursor + k) % COUNT] = tick(items[(cursor + k) % COUNT], now);
    cursor = (cursor + due) % COUNT;
    (w.__updates as number) += due;
    el.items = items;
  }
  requestAnimationFrame(frame);
}
w.__start = () => {
  running = true;
  last = performance.now();
  requestAnimationFrame(frame);
};
w.__stop = () => (running = false);
/** Scroll the grid to a fraction of its height; resolve with ms to the next painted frame. */
w.__jump = (fraction: number) =>
  new Promise<number>((resolve) => {
    const sc = el.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
    const t0 = performance.now();
    sc.scrollTop = fraction * (sc.scrollHeight - sc.clientHeight);
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => {
        // Then wait for the window to settle (virtualizer lays out asynchronously).
        requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
      };
      ch.port2.postMessage(0);
    });
  });
/** Ids of the cards drawn in view (the jump's result must show cards, not blank space). */
w.__inView = () => {
  const sc = el.shadowRoot!.querySelector<HTMLElement>('.scroller')!.getBoundingClientRect();
  return [...el.shadowRoot!.querySelectorAll('.card')].filter((c) => {
    const r = c.getBoundingClientRect();
    return r.bottom > sc.top && r.top < sc.bottom;
  }).length;
};
w.__ready = true;
