// <rollout-table> right after its first paint, before its lazily loaded code has arrived:
// - keys pressed before the grid's code (rollout-table.keyboard.ts, loaded after the first paint)
//   arrives are kept and replayed in order once it does, landing where they say (they were
//   dropped: focus stayed on the first row);
// - an input preview focused before the rare part (rollout-table.rare.ts, which places the
//   tooltip) arrives shows its tooltip when the part arrives (it showed none until focused again).
// The loads are held back by name through the one lazy-part seam (test/helpers/lazy-parts.ts), so
// the keys and the focus surely come first, not by timing luck.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/rollout-table/rollout-table.define.js';
import type { RolloutTable } from '../../src/elements/rollout-table/rollout-table.js';
import { sampleRollouts } from '../../src/elements/rollout-table/rollout-table.samples.js';
import { holdPart, restoreParts } from '../helpers/lazy-parts.js';

const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** The element added to the page without waiting for its updateComplete (which waits for the held-back parts). */
async function table(): Promise<RolloutTable> {
  const box = await fixture<HTMLElement>(html`<div></div>`);
  const el = document.createElement('rollout-table') as RolloutTable;
  const { rollouts, attempts } = sampleRollouts(40, 1763900000);
  Object.assign(el, { rollouts, attempts, now: 1763900000000 });
  box.append(el);
  await waitUntil(() => rows(el).length > 10, 'the first rows painted', { timeout: 5000 });
  return el;
}
const rows = (el: RolloutTable) => [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr[part="row"]')];
const focusedRowIndex = (el: RolloutTable) => Number((el.shadowRoot!.activeElement as HTMLElement | null)?.closest('tr')?.getAttribute('aria-rowindex'));
/** The grid's code is there (its stand-in holds it). */
const gridLoaded = (el: RolloutTable) => !!(el as unknown as { grid: { value: unknown } }).grid.value;

describe('<rollout-table> before its lazy code arrives', () => {
  afterEach(restoreParts);

  it('keys pressed before the grid code arrives are replayed in order once it does', async () => {
    const g = holdPart('rollout-table.keyboard');
    const el = await table();
    const first = Number(rows(el)[0].getAttribute('aria-rowindex'));
    rows(el)[0].focus();
    // Down ×2, Home, Down ×3, Up: only that order, each from where the one before left, ends 2 rows below the first.
    for (const key of ['ArrowDown', 'ArrowDown', 'Home', 'ArrowDown', 'ArrowDown', 'ArrowDown', 'ArrowUp']) await sendKeys({ press: key });
    await frame();
    expect(gridLoaded(el), 'the grid code is still held back').to.equal(false);
    expect(focusedRowIndex(el), 'nothing moved yet').to.equal(first);
    g.release();
    await waitUntil(() => focusedRowIndex(el) === first + 2, 'the kept keys replayed: focus two rows below the first', { timeout: 5000 });
    await el.updateComplete;
    await frame();
    expect(focusedRowIndex(el), 'and it stays there').to.equal(first + 2);
    // The grid is the keyboard's from now on.
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => focusedRowIndex(el) === first + 3, 'ArrowDown after the replay', { timeout: 5000 });
  });

  it('an input focused before the tooltip code arrives shows its tooltip when it does', async () => {
    const g = holdPart('rollout-table.rare');
    const el = await table();
    const input = rows(el)[0].querySelector<HTMLElement>('.input')!;
    input.focus();
    await frame();
    const tip = () => el.shadowRoot!.querySelector<HTMLElement>('#input-tip');
    expect(!tip() || tip()!.hidden, 'no tooltip before the code arrives').to.equal(true);
    g.release();
    await waitUntil(() => tip() && !tip()!.hidden, 'the tooltip shown once the code arrived, the input still focused', { timeout: 5000 });
    expect(el.shadowRoot!.activeElement).to.equal(input);
    expect(JSON.parse(tip()!.textContent!)).to.deep.equal((el.rollouts ?? []).find((r) => r.rollout_id === rows(el)[0].dataset.rollout)!.input);
    input.blur();
    await waitUntil(() => !tip() || tip()!.hidden, 'hidden on blur');
  });
});
