// The shared row-focus controller in a real browser, on a small fixture element: a windowed
// list of 10,000 keyed rows (only the rows in view are in the DOM), each with a "Copy" action.
// Every test runs twice: keys given as an array (`keys()`) and read lazily (`count` + `keyAt`).
import { expect, fixture, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import { LitElement, css, html } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { RowFocusController, type RowFocusOptions } from '../../src/elements/shared/row-focus-controller.js';

const ROW = 24;
const VIEW = 240; // 10 rows visible
const all = Array.from({ length: 10_000 }, (_, i) => `r${i}`);

class RowFocusFixture extends LitElement {
  static override styles = css`
    .scroller { height: ${VIEW}px; overflow-y: auto; position: relative; }
    .spacer { position: relative; }
    .row { position: absolute; left: 0; right: 0; height: ${ROW}px; box-sizing: border-box; display: flex; }
    .row:focus { outline: 2px solid blue; outline-offset: -2px; }
  `;
  static override properties = { keys: { attribute: false }, top: { state: true } };
  keys: string[] = all;
  top = 0;
  activated: string[] = [];
  copied: string[] = [];
  /** How many keys the controller read one at a time (the lazy fixture). */
  keyReads = 0;
  /** The lazy fixture gives `count` + `keyAt` instead of `keys()`. */
  static lazy = false;

  readonly rowFocus = new RowFocusController<string>(this, {
    ...((this.constructor as typeof RowFocusFixture).lazy
      ? { count: () => this.keys.length, keyAt: (i: number) => (this.keyReads++, this.keys[i]) }
      : { keys: () => this.keys }),
    rowElement: (k) => this.renderRoot.querySelector<HTMLElement>(`[data-key="${k}"]`),
    keyOf: (el) => el.dataset.key,
    reveal: async (k) => {
      const i = this.keys.indexOf(k);
      const s = this.scroller;
      if (i < 0 || !s) return;
      const rowTop = i * ROW;
      if (rowTop < s.scrollTop) s.scrollTop = rowTop;
      else if (rowTop + ROW > s.scrollTop + s.clientHeight) s.scrollTop = rowTop + ROW - s.clientHeight;
      this.top = s.scrollTop;
      await this.updateComplete;
    },
    onActivate: (k: string) => this.activated.push(k),
  } as RowFocusOptions<string>);

  get scroller() {
    return this.renderRoot.querySelector<HTMLElement>('.scroller');
  }

  setKeys(keys: string[]) {
    this.keys = keys;
    this.rowFocus.rowsChanged();
  }

  override render() {
    const first = Math.max(0, Math.floor(this.top / ROW) - 2);
    const last = Math.min(this.keys.length, Math.ceil((this.top + VIEW) / ROW) + 2);
    const slice = this.keys.slice(first, last).map((k, j) => ({ k, i: first + j }));
    return html`<button id="before">before</button>
      <div class="scroller" role="grid" aria-label="rows" aria-rowcount=${this.keys.length}
        @scroll=${(e: Event) => (this.top = (e.target as HTMLElement).scrollTop)}
        @keydown=${this.rowFocus.handleKeydown} @focusin=${this.rowFocus.handleFocusIn}>
        <div class="spacer" style="height:${this.keys.length * ROW}px">
          ${repeat(slice, (r) => r.k, (r) => html`<div class="row" role="row" data-key=${r.k} aria-rowindex=${r.i + 1}
            tabindex=${this.rowFocus.tabIndexFor(r.k)} style="top:${r.i * ROW}px">
            <span role="gridcell">${r.k}</span>
            <span role="gridcell"><button class="copy" tabindex=${this.rowFocus.tabIndexFor(r.k)} @click=${() => this.copied.push(r.k)}>Copy</button></span>
          </div>`)}
        </div>
      </div>
      <button id="after">after</button>`;
  }
}
customElements.define('row-focus-fixture', RowFocusFixture);
customElements.define('row-focus-lazy-fixture', class extends RowFocusFixture {
  static override lazy = true;
});

/** The focused element through shadow roots. */
function deepActive(): Element | null {
  let a = document.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a;
}
const focusedKey = () => (deepActive() as HTMLElement | null)?.dataset?.key;

/** The focused row is entirely inside the scroller's visible box. */
function fullyInView(el: RowFocusFixture, key: string): boolean {
  const row = el.shadowRoot!.querySelector(`[data-key="${key}"]`);
  if (!row) return false;
  const r = row.getBoundingClientRect();
  const s = el.scroller!.getBoundingClientRect();
  return r.top >= s.top - 0.5 && r.bottom <= s.bottom + 0.5;
}

async function expectFocusOn(el: RowFocusFixture, key: string) {
  await waitUntil(() => focusedKey() === key && fullyInView(el, key), `focus on ${key} (now ${focusedKey() ?? deepActive()?.tagName})`, { timeout: 5000 });
  expect(deepActive() === document.body, 'focus on <body>').to.equal(false);
  expect(el.rowFocus.activeKey).to.equal(key);
}

let tag = 'row-focus-fixture';

async function setup() {
  const el = await fixture<RowFocusFixture>(document.createElement(tag) as RowFocusFixture);
  el.shadowRoot!.querySelector<HTMLButtonElement>('#before')!.focus();
  return el;
}

for (const [name, fixtureTag] of [['keys()', 'row-focus-fixture'], ['count + keyAt', 'row-focus-lazy-fixture']]) describe(`RowFocusController (${name})`, () => {
  beforeEach(() => (tag = fixtureTag));

  it('makes a 10,000-row list one Tab stop: Tab reaches the first row, then its action, then leaves', async () => {
    const el = await setup();
    expect(el.shadowRoot!.querySelectorAll('[role="row"][tabindex="0"]').length).to.equal(1);
    await sendKeys({ press: 'Tab' });
    expect(focusedKey()).to.equal('r0');
    await sendKeys({ press: 'Tab' });
    expect((deepActive() as HTMLElement).className).to.equal('copy');
    expect((deepActive() as HTMLElement).closest('[data-key]')!.getAttribute('data-key')).to.equal('r0');
    await sendKeys({ press: 'Tab' });
    expect(deepActive()!.id).to.equal('after');
    // Back in with Shift+Tab lands on the active row's action, then the row.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focusedKey()).to.equal('r0');
  });

  it('moves focus with arrows, Home/End and PageUp/PageDown, scrolling the row fully into view', async () => {
    const el = await setup();
    await sendKeys({ press: 'Tab' });
    for (let i = 1; i <= 3; i++) {
      await sendKeys({ press: 'ArrowDown' });
      await expectFocusOn(el, `r${i}`);
    }
    await sendKeys({ press: 'ArrowUp' });
    await expectFocusOn(el, 'r2');
    await sendKeys({ press: 'End' });
    await expectFocusOn(el, 'r9999');
    await sendKeys({ press: 'ArrowDown' }); // stays on the last row
    await expectFocusOn(el, 'r9999');
    await sendKeys({ press: 'Home' });
    await expectFocusOn(el, 'r0');
    // A page is the rows that fit (10 of 24 px in 240 px) less one kept for context.
    await sendKeys({ press: 'PageDown' });
    await expectFocusOn(el, 'r9');
    await sendKeys({ press: 'PageDown' });
    await expectFocusOn(el, 'r18');
    await sendKeys({ press: 'PageUp' });
    await expectFocusOn(el, 'r9');
    // Only the rows in view (and a little overscan) exist: the list is windowed.
    expect(el.shadowRoot!.querySelectorAll('[role="row"]').length).to.be.below(20);
    expect(el.shadowRoot!.querySelectorAll('[role="row"][tabindex="0"]').length).to.equal(1);
  });

  it('keeps focus inside the list when its keys change: removal, reorder, filter, empty and back', async () => {
    const el = await setup();
    await sendKeys({ press: 'Tab' });
    await el.rowFocus.focusKey('r5000');
    await expectFocusOn(el, 'r5000');

    // The active row is removed: focus goes to the row after it.
    el.setKeys(all.filter((k) => k !== 'r5000'));
    await expectFocusOn(el, 'r5001');

    // Reorder: the same key keeps focus, wherever it now is.
    el.setKeys([...el.keys].reverse());
    await expectFocusOn(el, 'r5001');
    expect(el.keys.indexOf('r5001')).to.equal(4998);

    // A filter that drops the active row: the nearest surviving row after it (former order).
    el.setKeys(all.filter((_, i) => i % 7 === 0).reverse());
    // In the reversed order the rows after r5001 are r4999, r4998…: the first survivor is r4998.
    await expectFocusOn(el, 'r4998');

    // Arrows still work after the change.
    await sendKeys({ press: 'ArrowDown' });
    await expectFocusOn(el, 'r4991');

    // Filtered to nothing: focus stays on the list itself, not <body>.
    el.setKeys([]);
    await waitUntil(() => deepActive()?.getAttribute('role') === 'grid', 'focus on the empty grid');
    // Rows back: focus on the first row.
    el.setKeys(all);
    await expectFocusOn(el, 'r0');
  });

  it('does not take focus back when the user had left the list before the keys changed', async () => {
    const el = await setup();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    await expectFocusOn(el, 'r1');
    el.shadowRoot!.querySelector<HTMLButtonElement>('#after')!.focus();
    el.setKeys(all.filter((k) => k !== 'r1'));
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    expect(deepActive()!.id).to.equal('after');
    expect(el.rowFocus.activeKey).to.equal('r2');
  });

  it('Enter on the active row calls onActivate; Enter on its action is the action; a click makes a row active', async () => {
    const el = await setup();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    await expectFocusOn(el, 'r1');
    await sendKeys({ press: 'Enter' });
    expect(el.activated).to.deep.equal(['r1']);
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'Enter' });
    expect(el.copied).to.deep.equal(['r1']);
    expect(el.activated).to.deep.equal(['r1']);
    // A click (focus) on another row makes it the Tab stop.
    el.shadowRoot!.querySelector<HTMLElement>('[data-key="r4"]')!.focus();
    await el.updateComplete;
    expect(el.rowFocus.activeKey).to.equal('r4');
    expect(el.shadowRoot!.querySelector('[data-key="r4"]')!.getAttribute('tabindex')).to.equal('0');
    expect(el.shadowRoot!.querySelector('[data-key="r1"]')!.getAttribute('tabindex')).to.equal('-1');
  });

  it('keeps focus in the list when the focused row is windowed out by a scroll', async () => {
    const el = await setup();
    await sendKeys({ press: 'Tab' });
    await sendKeys({ press: 'ArrowDown' });
    await expectFocusOn(el, 'r1');
    el.scroller!.scrollTop = 3000; // the user scrolls far away with the wheel: r1 leaves the DOM
    await waitUntil(() => !el.shadowRoot!.querySelector('[data-key="r1"]'), 'r1 windowed out');
    await el.updateComplete;
    await waitUntil(() => deepActive()?.getAttribute('role') === 'grid', 'focus kept on the grid');
    // The next arrow continues from the active row and brings it back.
    await sendKeys({ press: 'ArrowDown' });
    await expectFocusOn(el, 'r2');
  });
});

describe('RowFocusController with a lazy key source', () => {
  beforeEach(() => (tag = 'row-focus-lazy-fixture'));

  it('reads the active row\'s neighbourhood a render, not all 10,000 keys', async () => {
    const el = await setup();
    await sendKeys({ press: 'Tab' });
    await el.rowFocus.focusKey('r5000');
    await expectFocusOn(el, 'r5000');
    el.keyReads = 0;
    let renders = 0;
    for (let i = 1; i <= 3; i++) {
      await sendKeys({ press: 'ArrowDown' });
      await expectFocusOn(el, `r${5000 + i}`);
    }
    for (let i = 0; i < 10; i++) {
      el.requestUpdate();
      await el.updateComplete;
      renders++;
    }
    // 3 moves (each a render or two) and 10 renders: about 520 keys each (±256 around the active row).
    expect(el.keyReads, `${el.keyReads} keys read`).to.be.below(20 * 600);
    expect(el.keyReads / (renders + 3), 'keys read per render').to.be.below(1000);
    // The list is still all there for the keys: End goes to the last row.
    await sendKeys({ press: 'End' });
    await expectFocusOn(el, 'r9999');
  });
});
