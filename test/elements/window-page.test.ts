// The shared window's page mode in Chromium: 10,000 keyed rows of measured, varied heights
// that scroll with the page, or with an ancestor scroller in another shadow root (as the demo
// dashboard's <main> holds <worker-board>), never a scroller of their own. The rows drawn must
// cover what is visible after a scroll of the page or of the ancestor; reveal(key) must draw a
// far row and bring it fully into view through whichever scroller holds it; the row-focus
// keys reach rows not drawn, and focus never falls to <body>.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, css } from 'lit';
import { sendKeys } from '@web/test-runner-commands';
import { PageWindowController, WindowModel, arrayRows } from '../../src/elements/shared/window/index.js';
import { renderKeyedBlock } from '../../src/elements/shared/window/keyed-block.js';
import { RowFocusController } from '../../src/elements/shared/row-focus-controller.js';

class PageWindowList extends LitElement {
  static override styles = css`
    :host { display: block; }
    .fw-spacer { position: relative; }
    .fw-rows { position: absolute; inset: 0 0 auto 0; }
    .row { box-sizing: border-box; font: 12px monospace; border-bottom: 1px solid #ccc; }
  `;
  keys: string[] = [];
  readonly model = new WindowModel<string>({ policy: 'keyed', rowHeight: 20 });
  readonly win = new PageWindowController<string>(this, this.model, {
    overscan: 1,
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.fw-spacer'),
    measureRows: () => (this.renderRoot.querySelector('.fw-rows')?.children ?? []) as ArrayLike<HTMLElement>,
    rowElement: (key) => this.row(key),
  });
  readonly rows = new RowFocusController<string>(this, {
    keys: () => this.keys,
    rowElement: (key) => this.row(key),
    reveal: (key) => this.win.scrollToKey(key),
    keyOf: (row) => row.dataset.key,
  });

  row(key: string): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`[data-key="${key}"]`);
  }

  setKeys(keys: string[]): void {
    this.keys = keys;
    this.win.setRows(arrayRows(keys));
    this.requestUpdate();
  }

  override render() {
    return html`<div role="listbox" aria-label="rows" @keydown=${this.rows.handleKeydown} @focusin=${this.rows.handleFocusIn}>${renderKeyedBlock(
      this.model,
      this.win.contentHeight,
      this.win.range(),
      (i) => {
        const k = this.keys[i];
        // Heights the model cannot know before drawing: 20-80 px by index.
        return html`<div role="option" aria-selected="false" class="row" style="height:${20 + (i % 4) * 20}px" data-key=${k} tabindex=${this.rows.tabIndexFor(k)}>${k}</div>`;
      },
    )}</div>`;
  }
}
customElements.define('page-window-list', PageWindowList);

const N = 10_000;
const keys = Array.from({ length: N }, (_, i) => `k${i}`);
const drawn = (el: PageWindowList) => [...el.shadowRoot!.querySelectorAll<HTMLElement>('.row')];
const frames = async (n = 2) => {
  for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
};
/** Every px of the band [top, bottom) (client coordinates) is covered by a drawn row. */
function covered(el: PageWindowList, top: number, bottom: number): boolean {
  const boxes = drawn(el).map((r) => r.getBoundingClientRect()).sort((a, b) => a.top - b.top);
  let y = top;
  for (const b of boxes) if (b.top <= y + 0.5 && b.bottom > y) y = b.bottom;
  return y >= bottom - 0.5;
}
const fullyIn = (row: HTMLElement, top: number, bottom: number) => {
  const b = row.getBoundingClientRect();
  return b.top >= top - 1 && b.bottom <= bottom + 1;
};

/** An ancestor scroller in a shadow root of its own, below a header, holding the list. */
class AppFrame extends LitElement {
  static override styles = css`
    header { height: 60px; }
    main { height: 300px; overflow: auto; }
  `;
  override render() {
    return html`<header>app</header><main><page-window-list></page-window-list></main>`;
  }
}
customElements.define('app-frame', AppFrame);

describe('shared window, page mode (rows scroll with the page or an ancestor)', () => {
  afterEach(() => {
    document.scrollingElement!.scrollTop = 0;
  });

  it('scrolls with the page: draws a screenful of 10,000 rows and what the page scrolls to', async () => {
    const el = await fixture<PageWindowList>(html`<page-window-list></page-window-list>`);
    el.setKeys(keys);
    await waitUntil(() => drawn(el).length > 0, 'rows drawn');
    await frames();
    expect(drawn(el).length, 'a screenful, not 10,000').to.be.below(60);
    const spacer = el.shadowRoot!.querySelector<HTMLElement>('.fw-spacer')!;
    expect(spacer.getBoundingClientRect().height, 'the page scrolls the whole list').to.be.above(N * 20);
    for (const f of [0.5, 0.9, 0.2]) {
      document.scrollingElement!.scrollTop = f * (document.scrollingElement!.scrollHeight - innerHeight);
      await waitUntil(() => covered(el, 0, innerHeight), `the viewport is covered by drawn rows at ${f}`, { timeout: 5000 });
    }
    expect(drawn(el).length).to.be.below(60);
  });

  it('scrolls with an ancestor scroller in another shadow root; reveal(key) scrolls that one', async () => {
    const frame = await fixture<AppFrame>(html`<app-frame></app-frame>`);
    const main = frame.shadowRoot!.querySelector('main')!;
    const el = frame.shadowRoot!.querySelector<PageWindowList>('page-window-list')!;
    el.setKeys(keys);
    await waitUntil(() => drawn(el).length > 0, 'rows drawn');
    const band = () => {
      const b = main.getBoundingClientRect();
      return { top: Math.max(0, b.top), bottom: Math.min(innerHeight, b.top + main.clientHeight) };
    };
    main.scrollTop = main.scrollHeight / 2;
    await waitUntil(() => covered(el, band().top, band().bottom), 'the scroller’s band is covered by drawn rows', { timeout: 5000 });
    expect(drawn(el).length, 'its band, not the page’s').to.be.below(30);

    for (const key of ['k9990', 'k12', 'k5003']) {
      await el.win.reveal(key);
      await waitUntil(() => el.row(key) && fullyIn(el.row(key)!, band().top, band().bottom), `${key} drawn and fully in the scroller’s view`, { timeout: 5000 });
    }
    expect(document.scrollingElement!.scrollTop, 'the page did not move for a row inside the scroller').to.equal(0);
  });

  it('with the row-focus controller: End, PageUp, Home reach rows not drawn; focus never falls to <body>', async () => {
    const el = await fixture<PageWindowList>(html`<page-window-list></page-window-list>`);
    el.setKeys(keys);
    await waitUntil(() => el.row('k0'), 'first row');
    el.row('k0')!.focus();
    const focused = () => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.key ?? null;
    await sendKeys({ press: 'End' });
    await waitUntil(() => focused() === `k${N - 1}` && fullyIn(el.row(`k${N - 1}`)!, 0, innerHeight), 'End: the last row, focused and in view', { timeout: 5000 });
    await sendKeys({ press: 'PageUp' });
    await waitUntil(() => focused() !== null && focused() !== `k${N - 1}`, 'PageUp moved focus', { timeout: 5000 });
    expect(fullyIn(el.row(focused()!)!, 0, innerHeight)).to.equal(true);
    await sendKeys({ press: 'ArrowUp' });
    await frames(3);
    expect(document.activeElement, 'focus stays in the list').to.equal(el);
    await sendKeys({ press: 'Home' });
    await waitUntil(() => focused() === 'k0' && fullyIn(el.row('k0')!, 0, innerHeight), 'Home: the first row', { timeout: 5000 });
    expect(document.activeElement).to.equal(el);
  });
});
