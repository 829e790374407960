// <rollout-table>'s rare part (rollout-table.rare.ts, loaded after the first paint) brings the
// attempts' loader. A rollout expanded before it arrives (held back by its name until the test
// lets it load, test/helpers/lazy-parts.ts) says "…" meanwhile and shows its attempts once it
// arrives: the click is not lost. An open filter menu's styles come with it too: a menu opened
// before it arrives is a plain list in the page's flow that already filters, and floats over the
// table once it does. Its own file: a page whose module map has not loaded the part yet.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/rollout-table/rollout-table.define.js';
import type { RolloutTable } from '../../src/elements/rollout-table/rollout-table.js';
import { sampleRollouts } from '../../src/elements/rollout-table/rollout-table.samples.js';
import { holdPart, restoreParts } from '../helpers/lazy-parts.js';

describe('<rollout-table> rare part arriving late', () => {
  after(restoreParts);

  it('a rollout expanded before the part arrives shows its attempts once it does', async () => {
    const part = holdPart('rollout-table.rare');
    const { rollouts, attempts } = sampleRollouts(40, 1763900000);
    const el = await fixture<RolloutTable>(html`<rollout-table .rollouts=${rollouts} .attempts=${attempts} .now=${1763900000000}></rollout-table>`);
    const expander = el.shadowRoot!.querySelector<HTMLButtonElement>('button.expander')!;
    const id = expander.closest('tr')!.dataset.rollout!;
    expander.click();
    // Before the part (updateComplete would wait for it): the nested row is there, saying "…".
    await waitUntil(() => el.shadowRoot!.querySelector('tr.nested-state'), 'a placeholder row at once', { timeout: 1000 });
    const nested = el.shadowRoot!.querySelector('tr.nested-state');
    expect(el.shadowRoot!.querySelector('tr.nested'), 'no attempt yet').to.equal(null);
    expect(nested!.textContent!.trim()).to.equal('…');
    expect(part.asked, 'the part was asked for').to.equal(1);
    part.release();
    await waitUntil(() => el.shadowRoot!.querySelectorAll(`tr.nested[data-rollout="${id}"]`).length > 0, 'attempts shown once the part arrived', { timeout: 8000 });
    const shown = [...el.shadowRoot!.querySelectorAll<HTMLElement>(`tr.nested[data-rollout="${id}"]`)].map((r) => r.dataset.attempt);
    expect(shown).to.deep.equal(attempts[id]!.slice().sort((a, b) => a.sequence_id - b.sequence_id).map((a) => a.attempt_id));
    expect(expander.getAttribute('aria-expanded')).to.equal('true');
  });

  it('a filter menu opened before the part arrives filters, and floats over the table once it does', async () => {
    const part = holdPart('rollout-table.rare');
    const data = sampleRollouts(40, 1763900000).rollouts;
    const el = await fixture<RolloutTable>(html`<rollout-table .rollouts=${data} .now=${1763900000000}></rollout-table>`);
    const root = el.shadowRoot!;
    await waitUntil(() => root.querySelectorAll('tbody tr[part="row"]').length > 0, 'rows shown');
    const menu = root.querySelector<HTMLDetailsElement>('details[data-filter="mode"]')!;
    menu.open = true;
    const body = menu.querySelector<HTMLElement>('.menu-body')!;
    const option = [...menu.querySelectorAll<HTMLLabelElement>('label.option')].find((l) => l.textContent!.includes('train'))!;
    expect(option.getBoundingClientRect().height, 'the options are shown').to.be.above(0);
    option.querySelector('input')!.click();
    await waitUntil(() => root.querySelector('details[data-filter="mode"] .count')?.textContent === '1', 'the filter applied');
    expect(getComputedStyle(body).position, 'in the flow until the part arrives').to.equal('static');
    part.release();
    await waitUntil(() => getComputedStyle(body).position === 'absolute', 'the open menu floats over the table once the part arrives', { timeout: 8000 });
    expect(getComputedStyle(body).zIndex).to.equal('5');
  });
});
