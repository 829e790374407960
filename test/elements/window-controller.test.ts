// The shared window controller in Chromium: a test element windows 100,000 keyed rows (a few
// taller ones) as a translated block in its own scroller. reveal(key) must draw the row and put
// it FULLY in view (checked against the real layout), the least move, both ways; rows inserted
// above the reading position must not move it; following the end keeps the newest row in view
// and a user's scroll up stops it.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, css } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { WindowController, WindowModel, arrayRows, renderBlock, type Follow } from '../../src/elements/shared/window/index.js';
import { RowFocusController } from '../../src/elements/shared/row-focus-controller.js';

class WindowTestList extends LitElement {
  static override styles = css`
    .scroller { height: 200px; overflow-y: auto; overflow-anchor: none; contain: strict; }
    .fw-spacer { position: relative; }
    .fw-rows { position: absolute; inset: 0 0 auto 0; }
    .row { height: 20px; box-sizing: border-box; font: 12px monospace; }
    .row.tall { height: 90px; }
  `;
  keys: string[] = [];
  tall = new Set<string>();
  follows: Follow[] = [];
  readonly model = new WindowModel<string>({ policy: 'exceptions', rowHeight: 20 });
  readonly win = new WindowController<string>(this, this.model, {
    overscan: 2,
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.scroller'),
    rowElement: (key) => this.renderRoot.querySelector<HTMLElement>(`[data-key="${key}"]`),
    resumeFollow: true,
    onFollowChange: (f) => this.follows.push(f),
  });

  readonly rows = new RowFocusController<string>(this, {
    keys: () => this.keys,
    rowElement: (key) => this.renderRoot.querySelector<HTMLElement>(`[data-key="${key}"]`),
    reveal: (key) => this.win.scrollToKey(key),
    keyOf: (row) => row.dataset.key,
  });

  setKeys(keys: string[]): void {
    this.keys = keys;
    for (const k of this.tall) this.model.setHeight(k, 90);
    this.win.setRows(arrayRows(keys));
    this.requestUpdate();
  }

  override render() {
    return html`<div class="scroller" role="listbox" aria-label="rows" @keydown=${this.rows.handleKeydown} @focusin=${this.rows.handleFocusIn}>${renderBlock(
      this.model,
      this.win.contentHeight,
      this.win.range(),
      (i) => {
        const k = this.keys[i];
        return html`<div role="option" aria-selected="false" class="row ${this.tall.has(k) ? 'tall' : ''}" data-key=${k} tabindex=${this.rows.tabIndexFor(k)}>${k}</div>`;
      },
    )}</div>`;
  }
}
customElements.define('window-test-list', WindowTestList);

const keys = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `k${from + i}`);
const scroller = (el: WindowTestList) => el.shadowRoot!.querySelector<HTMLElement>('.scroller')!;
const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** The row's box against the scroller's: fully inside? */
function fullyInView(el: WindowTestList, key: string): boolean {
  const row = el.shadowRoot!.querySelector(`[data-key="${key}"]`);
  if (!row) return false;
  const r = row.getBoundingClientRect();
  const s = scroller(el).getBoundingClientRect();
  return r.top >= s.top - 0.5 && r.bottom <= s.bottom + 0.5;
}

async function list(): Promise<WindowTestList> {
  const el = await fixture<WindowTestList>(html`<window-test-list></window-test-list>`);
  el.tall = new Set(['k50000', 'k70000']);
  el.setKeys(keys(0, 100_000));
  await el.updateComplete;
  await frame();
  return el;
}

describe('shared window controller', () => {
  it('draws only a screenful of 100,000 rows', async () => {
    const el = await list();
    const drawn = el.shadowRoot!.querySelectorAll('.row').length;
    expect(drawn).to.be.within(10, 16);
    expect(scroller(el).scrollHeight).to.equal(100_000 * 20 + 2 * 70);
  });

  it('reveal(key) draws a far row and scrolls it fully into view, below and above, by the least move', async () => {
    const el = await list();
    expect(await el.win.reveal('k60000')).to.equal(true);
    expect(fullyInView(el, 'k60000')).to.equal(true);
    // Revealed from above: the row sits at the bottom edge (least move), past the tall rows.
    const s = scroller(el).getBoundingClientRect();
    const r = el.shadowRoot!.querySelector('[data-key="k60000"]')!.getBoundingClientRect();
    expect(Math.abs(r.bottom - s.bottom)).to.be.below(1);
    await el.win.reveal('k10');
    expect(fullyInView(el, 'k10')).to.equal(true);
    expect(Math.abs(el.shadowRoot!.querySelector('[data-key="k10"]')!.getBoundingClientRect().top - scroller(el).getBoundingClientRect().top)).to.be.below(1);
    // A tall row (90px) half in view is brought fully in.
    scroller(el).scrollTop = 50_000 * 20 + 45 - 200; // its upper half at the bottom edge
    await waitUntil(() => el.shadowRoot!.querySelector('[data-key="k50000"]'), 'tall row drawn');
    expect(fullyInView(el, 'k50000')).to.equal(false);
    await el.win.reveal('k50000');
    expect(fullyInView(el, 'k50000')).to.equal(true);
    expect(await el.win.reveal('nope')).to.equal(false);
  });

  it('rows inserted above the reading position do not move it (anchor by key)', async () => {
    const el = await list();
    await el.win.reveal('k30000');
    await frame();
    const before = el.shadowRoot!.querySelector('[data-key="k30000"]')!.getBoundingClientRect().top;
    el.setKeys([...keys(-500, 0), ...keys(0, 100_000)]);
    await el.updateComplete;
    await frame();
    const after = el.shadowRoot!.querySelector('[data-key="k30000"]')!.getBoundingClientRect().top;
    expect(Math.abs(after - before)).to.be.below(1);
  });

  it('follows the end as rows arrive; a user scroll up stops following, back at the end resumes', async () => {
    const el = await list();
    el.win.follow = 'end';
    el.requestUpdate();
    await el.updateComplete;
    el.setKeys(keys(0, 100_050));
    await el.updateComplete;
    await frame();
    expect(fullyInView(el, 'k100049')).to.equal(true);
    scroller(el).scrollTop -= 400;
    await waitUntil(() => el.win.follow === 'none', 'following stopped');
    el.setKeys(keys(0, 100_060));
    await el.updateComplete;
    await frame();
    expect(el.shadowRoot!.querySelector('[data-key="k100059"]')).to.equal(null);
    scroller(el).scrollTop = scroller(el).scrollHeight;
    await waitUntil(() => el.win.follow === 'end', 'following again');
    expect(el.follows).to.deep.equal(['none', 'end']);
  });

  it('with the row-focus controller: End, PageUp and Home move focus to rows drawn and fully in view', async () => {
    const el = await list();
    el.shadowRoot!.querySelector<HTMLElement>('[data-key="k0"]')!.focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.key === 'k99999', 'last row focused');
    expect(fullyInView(el, 'k99999')).to.equal(true);
    await sendKeys({ press: 'PageUp' });
    await waitUntil(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.key !== 'k99999', 'moved up a page');
    const key = (el.shadowRoot!.activeElement as HTMLElement).dataset.key!;
    expect(fullyInView(el, key)).to.equal(true);
    await sendKeys({ press: 'Home' });
    await waitUntil(() => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.key === 'k0', 'first row focused');
    expect(fullyInView(el, 'k0')).to.equal(true);
  });
});
