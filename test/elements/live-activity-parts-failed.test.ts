// <live-activity>'s details panel and output loader (a part loaded on use, live-activity.details.ts)
// when the server cannot deliver it (made to fail by its name, test/helpers/lazy-parts.ts): a clear
// error in the panel's place, Close and Escape work, never a blank. Its own file: no part of it
// loaded before (live-activity-parts.test.ts has the part arriving).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/live-activity/live-activity.define.js';
import type { LiveActivity } from '../../src/elements/live-activity/live-activity.js';
import { sampleActivities, SAMPLE_STDERR, SAMPLE_STDOUT } from '../../src/elements/live-activity/live-activity.samples.js';
import { failPart, restoreParts } from '../helpers/lazy-parts.js';

const $ = <T extends Element = HTMLElement>(el: LiveActivity, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: LiveActivity, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
// Modules requested from here on (the resource timing buffer may be full of the imports above).
const requested: string[] = [];
new PerformanceObserver((list) => requested.push(...list.getEntries().map((e) => new URL(e.name).pathname))).observe({ type: 'resource' });
const fetched = (name: string) => [...requested, ...performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)].some((p) => p.includes(name));
describe('<live-activity> details part that fails to load', () => {
  after(restoreParts);

  it('a part the server cannot deliver: a clear error in the panel, Close and Escape work, asked again it says so again', async () => {
    failPart('live-activity.details');
    const data = sampleActivities(30, Date.now());
    const el = await fixture<LiveActivity>(html`<live-activity .activities=${data}></live-activity>`);
    el.outputFetcher = async (_id, which) => (which === 'stdout' ? SAMPLE_STDOUT : SAMPLE_STDERR);
    await el.updateComplete;
    expect(fetched('live-activity.details'), 'no details code before a row is opened').to.equal(false);
    // An execution (its details fetch stdout and stderr), opened right after the first paint by a click on its row.
    const row = $$(el, '.row').find((r) => data.find((a) => a.id === r.dataset.id)?.type === 'execution')!;
    const id = row.dataset.id!;
    row.click();
    await el.updateComplete;
    const alert = $(el, '.details [role="alert"]');
    expect(alert, 'an error in the panel, not a blank').to.exist;
    expect(alert!.textContent).to.match(/^The details could not be loaded \(.+\)\. Reload the page to try again\.$/);
    expect($(el, '.details h3')!.textContent).to.equal(id);
    expect($(el, '.body')!.classList.contains('with-details')).to.equal(true);
    await waitUntil(() => el.shadowRoot!.activeElement === $(el, '.details .close'), 'focus on Close');
    // Escape closes it, as it closes the panel; focus returns to the row.
    $(el, '.details .close')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect($(el, '.details')).to.equal(null);
    // Opened again: the error again (the failed import is not asked for in a loop).
    el.openDetails(id);
    await el.updateComplete;
    expect($(el, '.details [role="alert"]')!.textContent).to.contain('could not be loaded');
  });
});
