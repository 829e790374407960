// <rollout-table>'s rare part (rollout-table.rare.ts) brings the packed string order
// (string-order.ts) and the attempts' loader after the first paint. When it never arrives (made to
// fail by its name, test/helpers/lazy-parts.ts, as import() fails when the server is gone), a sort
// by a text column uses the plain comparator sort and shows the same order, and an expanded
// rollout says its attempts could not be loaded (not "…" for ever). Its own file: no rare part
// loaded before (rollout-table-parts-slow.test.ts has the part arriving late).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/rollout-table/rollout-table.define.js';
import type { RolloutTable } from '../../src/elements/rollout-table/rollout-table.js';
import { sampleRollouts } from '../../src/elements/rollout-table/rollout-table.samples.js';
import { failPart, restoreParts } from '../helpers/lazy-parts.js';

const requested: string[] = [];
new PerformanceObserver((list) => requested.push(...list.getEntries().map((e) => new URL(e.name).pathname))).observe({ type: 'resource' });

describe('<rollout-table> without its rare part', () => {
  before(() => failPart('rollout-table.rare'));
  after(restoreParts);

  it('sorts by rollout id (a text column) in code-unit order, both ways, with the plain sort', async () => {
    const data = sampleRollouts(300, 1763900000).rollouts;
    const el = await fixture<RolloutTable>(html`<rollout-table .rollouts=${data} page-size="50" .now=${1763900000000}></rollout-table>`);
    await waitUntil(() => el.shadowRoot!.querySelectorAll('tbody tr[part="row"]').length > 0, 'rows shown');
    const ids = () => [...el.shadowRoot!.querySelectorAll<HTMLTableRowElement>('tbody tr[part="row"]')].map((r) => r.dataset.rollout!);
    const sorted = data.map((r) => r.rollout_id.toLowerCase()).sort();
    const button = el.shadowRoot!.querySelector<HTMLButtonElement>('button.sort[data-column="rollout"]')!;
    button.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('th.col-rollout')!.getAttribute('aria-sort')).to.equal('ascending');
    // The rows in sight (the window draws those): the first ids in order.
    const asc = ids().map((i) => i.toLowerCase());
    expect(asc.length).to.be.above(5);
    expect(asc).to.deep.equal(sorted.slice(0, asc.length));
    button.click();
    await el.updateComplete;
    const desc = ids().map((i) => i.toLowerCase());
    expect(desc).to.deep.equal(sorted.reverse().slice(0, desc.length));
    expect(requested.some((p) => p.includes('string-order')), 'the packed order never arrived').to.equal(false);
  });

  it('an expanded rollout says its attempts could not be loaded', async () => {
    const { rollouts, attempts } = sampleRollouts(40, 1763900000);
    const el = await fixture<RolloutTable>(html`<rollout-table .rollouts=${rollouts} .attempts=${attempts} .now=${1763900000000}></rollout-table>`);
    await waitUntil(() => el.shadowRoot!.querySelector('button.expander'), 'an expandable row');
    el.shadowRoot!.querySelector<HTMLButtonElement>('button.expander')!.click();
    await el.updateComplete;
    await waitUntil(() => el.shadowRoot!.querySelector('tr.nested-state [role="alert"]'), 'the failure said in the nested row');
    expect(el.shadowRoot!.querySelector('tr.nested-state')!.textContent).to.match(/The attempts could not be loaded \(.+\)\./);
  });
});
