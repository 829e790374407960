// <live-activity>'s details panel and output loader arrive as a part loaded on use (a dynamic
// import, live-activity.details.ts): nothing of it is fetched before a row is opened, and a row
// opened right after the first paint (before the part has arrived) shows its details and its
// stdout/stderr once it arrives: the click is not lost. Its own file: a page whose module map has
// not loaded the part yet (live-activity-parts-failed.test.ts has the part failing to load).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/live-activity/live-activity.define.js';
import type { LiveActivity } from '../../src/elements/live-activity/live-activity.js';
import { sampleActivities, SAMPLE_STDERR, SAMPLE_STDOUT } from '../../src/elements/live-activity/live-activity.samples.js';
import { stripAnsi } from '../../src/elements/shared/ansi.js';

const $ = <T extends Element = HTMLElement>(el: LiveActivity, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: LiveActivity, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
// Modules requested from here on (the resource timing buffer may be full of the imports above).
const requested: string[] = [];
new PerformanceObserver((list) => requested.push(...list.getEntries().map((e) => new URL(e.name).pathname))).observe({ type: 'resource' });
const fetched = (name: string) => [...requested, ...performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)].some((p) => p.includes(name));

describe('<live-activity> details part loaded on use', () => {
  it('a row clicked right after the first paint shows its details and output once the part arrives', async () => {
    const data = sampleActivities(30, Date.now());
    // The newest (the top row): an execution with output, whose details fetch stdout and stderr.
    const top = data.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
    Object.assign(top, { type: 'execution', status: 'failed', stdoutBytes: SAMPLE_STDOUT.length, stderrBytes: SAMPLE_STDERR.length });
    const el = await fixture<LiveActivity>(html`<live-activity .activities=${data}></live-activity>`);
    el.outputFetcher = async (_id, which) => (which === 'stdout' ? SAMPLE_STDOUT : SAMPLE_STDERR);
    expect(fetched('live-activity.details'), 'no details code before a row is opened').to.equal(false);
    expect(fetched('output-loader'), 'no output loader before a row is opened').to.equal(false);
    // Clicked at once.
    const row = $(el, `.row[data-id="${top.id}"]`)!;
    row.click();
    await el.updateComplete;
    expect(fetched('output-loader'), 'the output loader arrived with the details').to.equal(true);
    expect($(el, '.details h3')!.textContent).to.contain(stripAnsi(data.find((a) => a.id === row.dataset.id)!.title ?? ''));
    await waitUntil(() => $$(el, '.details .output').length === 2, 'stdout and stderr shown');
    const [out, err] = $$(el, '.details .output');
    const lines = (e: Element) => [...e.querySelectorAll('.line')].map((l) => l.textContent);
    expect(lines(out!)).to.deep.equal(stripAnsi(SAMPLE_STDOUT).trimEnd().split('\n'));
    expect(lines(err!)).to.deep.equal(stripAnsi(SAMPLE_STDERR).trimEnd().split('\n'));
    expect(out!.querySelector('span[style], span[class]:not(.line)'), 'ANSI colours as spans').to.exist;
    await waitUntil(() => el.shadowRoot!.activeElement === $(el, '.details .close'), 'focus on Close');
  });
});
