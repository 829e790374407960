// ANSI colours are a lazy part (shared/ansi-colour.ts; log-console's log-colour.ts), asked for by
// the first line with an escape sequence. These tests hold the part back (or make it fail) by its
// name (test/helpers/lazy-parts.ts) and watch every DOM change: a coloured line shows its text without escape bytes at
// every paint, the first included, then its colours once the part arrives; a part that cannot be
// loaded leaves the right text, uncoloured.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/log-console/log-console.define.js';
import '../../src/elements/live-activity/live-activity.define.js';
import type { LogConsole } from '../../src/elements/log-console/log-console.js';
import type { LiveActivity } from '../../src/elements/live-activity/live-activity.js';
import { sampleActivities } from '../../src/elements/live-activity/live-activity.samples.js';
import type { LogLine } from '../../src/streams/models.js';
import { holdPart, restoreParts } from '../helpers/lazy-parts.js';

const line = (id: number, text: string): LogLine => ({ id, time: 1763900000000 + id * 1000, level: 'info', source: 'app', text });
const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/**
 * Checks `check` on the DOM after every change of `root` (a MutationObserver's callback runs in
 * the microtask checkpoint after the change, before the browser paints it) and at once.
 */
function everyPaint(root: Node, check: () => string | null) {
  const problems: string[] = [];
  const run = () => {
    const p = check();
    if (p) problems.push(p);
  };
  const mo = new MutationObserver(run);
  mo.observe(root, { subtree: true, childList: true, characterData: true, attributes: true });
  run();
  return { problems, stop: () => mo.disconnect() };
}

describe('ANSI colours loaded when the first coloured line is drawn', () => {
  afterEach(restoreParts);

  it('log-console: a coloured line shows its text without escape bytes at every paint, then its colours', async () => {
    const g = holdPart('log-colour');
    const el = await fixture<LogConsole>(html`<log-console></log-console>`);
    const msgs = () => [...el.shadowRoot!.querySelectorAll('.row .msg')].map((m) => m.textContent ?? '');
    const watch = everyPaint(el.shadowRoot!, () => {
      const bad = msgs().find((t) => t.includes('\u001b') || t.includes('[31m') || t.includes('[0m'));
      return bad === undefined ? null : `raw escape shown: ${JSON.stringify(bad)}`;
    });
    el.append([line(1, 'plain first'), line(2, 'plain second')]);
    await frame();
    expect(g.asked, 'plain lines never ask for the colours').to.equal(0);
    el.append([line(3, 'status \u001b[31mred\u001b[0m and \u001b[1;32mbold green\u001b[0m done')]);
    await frame();
    expect(g.asked, 'the first coloured line asks for them').to.equal(1);
    expect(msgs()).to.deep.equal(['plain first', 'plain second', 'status red and bold green done']);
    expect(el.shadowRoot!.querySelector('.row .ansi'), 'no colour yet').to.equal(null);
    g.release();
    await el.updateComplete;
    await waitUntil(() => el.shadowRoot!.querySelectorAll('.row .ansi').length === 2, 'colours arrive');
    const spans = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.row .ansi')];
    expect(spans.map((s) => s.textContent)).to.deep.equal(['red', 'bold green']);
    expect(getComputedStyle(spans[0]).color).to.equal('rgb(179, 20, 0)');
    expect(msgs()).to.deep.equal(['plain first', 'plain second', 'status red and bold green done']);
    expect(g.asked).to.equal(1);
    watch.stop();
    expect(watch.problems).to.deep.equal([]);
  });

  it('log-console: colours that cannot be loaded leave the right text, uncoloured, and are not asked for at every paint', async () => {
    const g = holdPart('log-colour');
    const el = await fixture<LogConsole>(html`<log-console></log-console>`);
    el.append([line(1, 'a \u001b[33mwarm\u001b[0m line')]);
    await frame();
    g.fail();
    await el.updateComplete;
    el.append([line(2, 'another \u001b[34mblue\u001b[0m one'), line(3, 'plain')]);
    await frame();
    await el.updateComplete;
    const msgs = [...el.shadowRoot!.querySelectorAll('.row .msg')].map((m) => m.textContent);
    expect(msgs).to.deep.equal(['a warm line', 'another blue one', 'plain']);
    expect(el.shadowRoot!.querySelector('.row .ansi')).to.equal(null);
    expect(g.asked).to.equal(1);
    // Search still marks the plain text.
    el.filter = 'blue';
    await el.updateComplete;
    await frame();
    expect(el.shadowRoot!.querySelector('.row mark')!.textContent).to.equal('blue');
  });

  it('live-activity: an output line with colours shows its text at every paint, then its colours', async () => {
    const g = holdPart('ansi-colour');
    const data = sampleActivities(40, Date.now());
    const el = await fixture<LiveActivity>(html`<live-activity .activities=${data}></live-activity>`);
    el.outputFetcher = async (_id, which) => (which === 'stdout' ? 'plain out\n' : 'error: \u001b[31mboom\u001b[0m\nnext\n');
    const execution = data.find((a) => a.type === 'execution' && !!a.stdoutBytes && !!a.stderrBytes)!;
    const outputs = () => [...el.shadowRoot!.querySelectorAll('.details .output')];
    const watch = everyPaint(el.shadowRoot!, () => {
      const bad = outputs().find((o) => (o.textContent ?? '').includes('\u001b') || (o.textContent ?? '').includes('[31m'));
      return bad ? `raw escape shown: ${JSON.stringify(bad.textContent)}` : null;
    });
    el.openDetails(execution.id);
    await waitUntil(() => outputs().length === 2, 'stdout and stderr shown', { timeout: 5000 });
    const err = () => el.shadowRoot!.querySelector('.details .output[aria-label="stderr"], .details .output[data-stream="stderr"]')!;
    expect(err().textContent!.replace(/\u200b/g, '')).to.equal('error: boomnext');
    expect(err().querySelector('span.ansi')).to.equal(null);
    expect(g.asked).to.equal(1);
    g.release();
    await el.updateComplete;
    await waitUntil(() => err().querySelector('span.ansi'), 'colours arrive');
    expect(err().querySelector('span.ansi')!.textContent).to.equal('boom');
    expect(err().textContent!.replace(/\u200b/g, '')).to.equal('error: boomnext');
    watch.stop();
    expect(watch.problems).to.deep.equal([]);
  });
});
