// The table surface of the shared window (rollout-table's RowWindow) in Chromium, on a test
// element: a <table> of 20,000 rows with a sticky header inside a clipped scroller. Only a
// screenful of rows exists, gap rows give the rest their height, a taller odd row shifts the
// rows after it exactly, and reveal(key) draws a far row and puts it fully in view below the
// sticky header, scrolling down and up.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { LitElement, css } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { RowWindow, type WindowPart } from '../../src/elements/rollout-table/row-window.js';

class RowWindowTestTable extends LitElement {
  static override styles = css`
    .wrap { max-height: 300px; overflow: auto; }
    table { border-collapse: separate; border-spacing: 0; width: 100%; }
    th { position: sticky; top: 0; background: white; height: 30px; padding: 0; }
    td { height: 24px; padding: 0; font: 12px monospace; box-sizing: border-box; }
    tr.odd td { height: 80px; }
  `;
  keys = Array.from({ length: 20_000 }, (_, i) => `r${i}`);
  odd = new Set(['r5000']);
  parts: WindowPart[] = [];
  readonly win = new RowWindow(this, {
    overscan: 2,
    focusMargin: 1,
    scroller: () => this.renderRoot.querySelector<HTMLElement>('.wrap'),
    body: () => this.renderRoot.querySelector('tbody'),
    rowSelector: 'tr.row',
    oddRowSelector: 'tr.odd',
  });

  override willUpdate(): void {
    this.parts = this.win.plan(this.keys, -1);
  }

  override render() {
    return html`<div class="wrap"><table>
      <thead><tr><th>Row</th></tr></thead>
      <tbody>${repeat(
        this.parts,
        (p) => ('gap' in p ? `\u0000gap${p.gap}` : this.keys[p.index]),
        (p) =>
          'gap' in p
            ? html`<tr class="gap"><td style="height:${p.height}px"></td></tr>`
            : html`<tr class=${this.odd.has(this.keys[p.index]) ? 'odd' : 'row'} data-key=${this.keys[p.index]}><td>${this.keys[p.index]}</td></tr>`,
      )}</tbody>
    </table></div>`;
  }
}
customElements.define('row-window-test-table', RowWindowTestTable);

const wrap = (el: RowWindowTestTable) => el.shadowRoot!.querySelector<HTMLElement>('.wrap')!;
const row = (el: RowWindowTestTable, key: string) => el.shadowRoot!.querySelector(`tr[data-key="${key}"]`);
const frames = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** Fully visible: inside the scroller and below the sticky header. */
function fullyInView(el: RowWindowTestTable, key: string): boolean {
  const r = row(el, key)?.getBoundingClientRect();
  if (!r) return false;
  const w = wrap(el).getBoundingClientRect();
  const head = el.shadowRoot!.querySelector('th')!.getBoundingClientRect();
  return r.top >= head.bottom - 0.5 && r.bottom <= w.bottom + 0.5;
}

describe('table window (RowWindow on the shared window model)', () => {
  it('draws a screenful of 20,000 rows between gap rows whose heights add up', async () => {
    const el = await fixture<RowWindowTestTable>(html`<row-window-test-table></row-window-test-table>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('tr.row').length > 5, 'rows drawn');
    await frames();
    const drawn = el.shadowRoot!.querySelectorAll('tr.row').length;
    expect(drawn).to.be.below(30);
    // 20,000 rows of 24px and the header.
    expect(Math.abs(el.shadowRoot!.querySelector('table')!.getBoundingClientRect().height - (20_000 * 24 + 30))).to.be.below(2);
  });

  it('reveal(key) draws a far row and puts it fully in view, below the sticky header, down and up; an odd row shifts those after it', async () => {
    const el = await fixture<RowWindowTestTable>(html`<row-window-test-table></row-window-test-table>`);
    await waitUntil(() => row(el, 'r3'), 'rows drawn');
    await el.win.reveal('r12000');
    expect(fullyInView(el, 'r12000')).to.equal(true);
    await frames();
    expect(fullyInView(el, 'r12000'), 'still in view a frame later').to.equal(true);
    // Pass the odd row once so its height is known; then positions after it are exact.
    await el.win.reveal('r5000');
    expect(fullyInView(el, 'r5000'), 'r5000 fully in view').to.equal(true);
    await frames();
    await el.win.reveal('r15000');
    expect(fullyInView(el, 'r15000'), 'r15000 fully in view').to.equal(true);
    const top = row(el, 'r15000')!.getBoundingClientRect().top - el.shadowRoot!.querySelector('tbody')!.getBoundingClientRect().top;
    expect(Math.abs(top - (15_000 * 24 + 56))).to.be.below(1.5);
    // Up: the row must not end under the sticky header.
    await el.win.reveal('r14990');
    expect(fullyInView(el, 'r14990'), 'r14990 fully in view').to.equal(true);
    await el.win.reveal('r0');
    expect(fullyInView(el, 'r0'), 'r0 fully in view').to.equal(true);
  });
});
