// <rollout-table>'s rare part (rollout-table.rare.ts, loaded after the first paint) brings the
// attempts' loader. A rollout expanded before it arrives (held back by its name until the test
// lets it load, test/helpers/lazy-parts.ts) says "…" meanwhile and shows its attempts once it
// arrives: the click is not lost. Its own file: a page whose module map has not loaded the part yet.
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
});
