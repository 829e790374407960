// The error panel is a lazy part (src/elements/shared/error-panel.ts): fetched after an element's
// first paint. These tests make its chunk fail to load (the server that served the page is gone)
// or arrive late, by the part's name (test/helpers/lazy-parts.ts), and check that an element whose source fails
// still says so — the reason, the address, a working Retry — and is never blank.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/log-console/log-console.define.js';
import '../../src/elements/trace-view/trace-view.define.js';
import '../../src/elements/worker-board/worker-board.define.js';
import '../../src/elements/rollout-table/rollout-table.define.js';
import type { LogConsole } from '../../src/elements/log-console/log-console.js';
import type { TraceView } from '../../src/elements/trace-view/trace-view.js';
import type { WorkerBoard } from '../../src/elements/worker-board/worker-board.js';
import type { RolloutTable } from '../../src/elements/rollout-table/rollout-table.js';
import { createHub } from '../../src/streams/hub.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';
import { failPart, holdPart, restoreParts } from '../helpers/lazy-parts.js';

describe('error panel loaded after the first paint', () => {
  let sb: Sandbox | undefined;
  afterEach(async () => {
    restoreParts();
    await sb?.dispose();
    sb = undefined;
  });

  it('log-console: its chunk failing to load, a dead address still shows the error with its reason and address, and Retry connects again', async () => {
    const part = failPart('error-state');
    const hub = createHub({ backoff: { baseMs: 20_000, capMs: 20_000, random: () => 0.99 } });
    const el = await fixture<LogConsole>(html`<log-console .hub=${hub} base-url="http://127.0.0.1:9" streams="scheduler" settings-href="/settings"></log-console>`);
    const panel = () => el.shadowRoot!.querySelector<HTMLElement>('[part="error"][role="alert"]');
    await waitUntil(panel, 'error state', { timeout: 8000 });
    // updateComplete settles (the failed part neither hangs nor rejects it).
    await el.updateComplete;
    expect(part.asked, 'the part was asked for').to.be.greaterThan(0);
    const err = panel()!;
    expect(err.classList.contains('tt-error-plain'), 'the plain panel').to.equal(true);
    expect(err.textContent).to.contain('Could not load the scheduler log').and.match(/unreachable/);
    expect(err.textContent, 'the address asked').to.contain('http://127.0.0.1:9/logs/scheduler');
    expect(err.querySelector('a[part="settings-link"]')!.getAttribute('href')).to.equal('/settings');
    expect(err.getBoundingClientRect().height, 'not blank').to.be.greaterThan(20);
    const reconnects = () => (el as unknown as { sources: { statuses: Map<string, { counters: { reconnects: number } }> } }).sources.statuses.get('scheduler')!.counters.reconnects;
    const before = reconnects();
    err.querySelector('button')!.click();
    await waitUntil(() => reconnects() > before, 'Retry connected again', { timeout: 3000 });
    // Rendering the panel again does not ask for the chunk on every render.
    const asked = part.asked;
    el.requestUpdate();
    await el.updateComplete;
    expect(part.asked).to.equal(asked);
    await expect(el).to.be.accessible();
  });

  it('trace-view: its chunk failing to load, the spans that cannot be read are said, and Retry asks the server again', async () => {
    failPart('error-state');
    sb = await createSandbox({ paused: true, seed: 3 });
    const asked: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => (asked.push(String(input instanceof Request ? input.url : input)), realFetch(input, init));
    try {
      const el = await fixture<TraceView>(html`<trace-view base-url=${`${sb.url}/not-a-store`} rollout-id="ro-000000000000" attempt-id="at-00000000"></trace-view>`);
      const panel = () => el.shadowRoot!.querySelector<HTMLElement>('[part="state"][role="alert"]');
      await waitUntil(panel, 'error state', { timeout: 8000 });
      await el.updateComplete;
      expect(panel()!.classList.contains('tt-error-plain')).to.equal(true);
      expect(panel()!.textContent).to.match(/Could not load/).and.match(/404|not found/i);
      expect(panel()!.textContent, 'the address asked').to.contain(`${sb.url}/not-a-store/v1/agl/`);
      const before = asked.length;
      panel()!.querySelector('button')!.click();
      await waitUntil(() => asked.slice(before).some((u) => u.includes('/not-a-store/v1/agl/')), 'Retry asked the server again', { timeout: 3000 });
    } finally {
      window.fetch = realFetch;
    }
  });

  it('worker-board: the plain panel until the chunk arrives, then the full one with its styles', async () => {
    const part = holdPart('error-state');
    sb = await createSandbox({ paused: true, workers: 2 });
    const el = await fixture<WorkerBoard>(html`<worker-board base-url=${`${sb.url}/does-not-exist`}></worker-board>`);
    const panel = () => el.shadowRoot!.querySelector<HTMLElement>('[part="error"][role="alert"]');
    await waitUntil(panel, 'error state', { timeout: 8000 });
    expect(panel()!.classList.contains('tt-error-plain')).to.equal(true);
    expect(panel()!.textContent).to.contain('Could not load workers');
    part.release();
    await el.updateComplete;
    const full = panel()!;
    expect(full.classList.contains('tt-error-plain')).to.equal(false);
    expect(full.querySelector('.tt-error-title')!.textContent).to.equal('Nothing at this address');
    expect(full.textContent).to.contain('Could not load workers').and.contain('HTTP 404');
    expect(getComputedStyle(full).borderLeftWidth, 'its styles adopted').to.equal('4px');
    await expect(el).to.be.accessible();
  });

  it('rollout-table: its rare part (which holds its error panel) failing to load, a 404 still shows the error and Retry asks again (was a blank body)', async () => {
    failPart('rollout-table.rare');
    sb = await createSandbox({ paused: true });
    const asked: string[] = [];
    const realFetch = window.fetch;
    window.fetch = (input, init) => (asked.push(String(input instanceof Request ? input.url : input)), realFetch(input, init));
    try {
      const el = await fixture<RolloutTable>(html`<rollout-table .hub=${createHub()} base-url=${`${sb.url}/does-not-exist`}></rollout-table>`);
      const panel = () => el.shadowRoot!.querySelector<HTMLElement>('[part="error"][role="alert"]');
      await waitUntil(panel, 'error state', { timeout: 8000 });
      await el.updateComplete;
      expect(panel()!.classList.contains('tt-error-plain')).to.equal(true);
      expect(panel()!.textContent).to.contain('Could not load the rollouts').and.contain('404');
      expect(panel()!.textContent, 'the address asked').to.contain(`${sb.url}/does-not-exist/`);
      const before = asked.length;
      panel()!.querySelector('button')!.click();
      await waitUntil(() => asked.slice(before).some((u) => u.includes('/does-not-exist/')), 'Retry asked the server again', { timeout: 3000 });
      await expect(el).to.be.accessible();
    } finally {
      window.fetch = realFetch;
    }
  });
});
