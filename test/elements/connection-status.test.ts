import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/connection-status/connection-status.define.js';
import type { ConnectionStatus } from '../../src/elements/connection-status/connection-status.js';
import { aggregate } from '../../src/elements/connection-status/aggregate.js';
import { createHub } from '../../src/streams/hub.js';
import type { SourceStatus } from '../../src/streams/types.js';
import { initialStatus } from '../../src/streams/source-status.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';
import '../../src/elements/telltale-provider/telltale-provider.define.js';
import { pageSettings$ } from '../../src/streams/settings-store.js';

const sandboxes: Sandbox[] = [];
const q = (el: ConnectionStatus, sel: string) => el.shadowRoot!.querySelector<HTMLElement>(sel);
const label = (el: ConnectionStatus) => q(el, '[part="state"]')!.textContent!.trim();

const st = (over: Partial<SourceStatus>): SourceStatus => ({ ...initialStatus('http://x/live'), state: 'live', ...over });

afterEach(async () => {
  document.documentElement.style.colorScheme = '';
  await Promise.all(sandboxes.splice(0).map((s) => s.dispose()));
});

describe('<connection-status>', () => {
  it('shows the worst state with its reason, in text and colour', async () => {
    const NOW = 1763900000000;
    const el = await fixture<ConnectionStatus>(
      html`<connection-status
        .now=${NOW}
        .statuses=${[st({ lastEventAt: NOW - 5000 }), st({ key: 'http://x/logs/a', state: 'reconnecting', reason: 'HTTP 503 from http://x/logs/a' })]}
      ></connection-status>`,
    );
    expect(label(el)).to.equal('Reconnecting');
    expect(el.matches(':state(reconnecting)')).to.equal(true);
    const button = q(el, 'button')!;
    expect(button.title).to.contain('HTTP 503');
    expect(button.textContent).to.contain('HTTP 503'); // accessible text, not only a tooltip
    expect(q(el, '[part="age"]')!.textContent).to.equal('updated 5s ago');
    const colour = getComputedStyle(q(el, '[part="state"]')!).color;
    el.statuses = [st({})];
    await el.updateComplete;
    expect(label(el)).to.equal('Live');
    expect(getComputedStyle(q(el, '[part="state"]')!).color).to.not.equal(colour);
    el.statuses = [st({}), st({ state: 'error', reason: 'HTTP 404: nothing at /x' }), st({ state: 'polling' })];
    await el.updateComplete;
    expect(label(el)).to.equal('Error');
  });

  it('shows the whole server address in a sidebar-wide box (it was cut to "http://127.0.0.1:81…")', async () => {
    // 167 px: the dashboard's sidebar box at any window width; the address `npm start -- PORT=8187` shows.
    const address = 'http://127.0.0.1:8187';
    const box = await fixture<HTMLDivElement>(
      html`<div style="width: 167px; display: flex; flex-direction: column"><telltale-provider local-settings .settings=${{ ...pageSettings$.value, baseUrl: address }}><connection-status show-server .statuses=${[st({})]}></connection-status></telltale-provider></div>`,
    );
    const el = box.querySelector('connection-status') as ConnectionStatus;
    await el.updateComplete;
    const server = q(el, '[part="server"]')!;
    expect(server.textContent).to.equal(address);
    expect(server.scrollWidth, 'nothing clipped').to.be.at.most(server.clientWidth);
    expect(server.getBoundingClientRect().right).to.be.at.most(box.getBoundingClientRect().right);
    expect(q(el, 'button')!.title, 'and in the tooltip').to.contain(address);
  });

  it('aggregates: error > offline > reconnecting > connecting > polling > live; idle with nothing', () => {
    expect(aggregate([]).state).to.equal('idle');
    expect(aggregate([st({ state: 'polling' }), st({})]).state).to.equal('polling');
    expect(aggregate([st({ state: 'offline', reason: 'x' }), st({ state: 'reconnecting' })]).state).to.equal('offline');
    // A source closed because no one listens is not the page's problem.
    expect(aggregate([st({ state: 'offline', reason: 'closed (no subscribers)' }), st({})]).state).to.equal('live');
    expect(aggregate([st({ role: 'follower' })]).role).to.equal('follower');
  });

  it('blinks "Refreshing" while a refresh is in flight, and reports the cross-tab role', async () => {
    // No minimum display time here: this checks that it follows the in-flight flag.
    const el = await fixture<ConnectionStatus>(html`<connection-status refreshing-min-ms="0" .statuses=${[st({ refreshing: true, role: 'leader' })]}></connection-status>`);
    const r = q(el, '[part="refreshing"]')!;
    expect(r.textContent).to.equal('Refreshing');
    expect(getComputedStyle(r, '::before').animationName, 'its chip blinks').to.equal('cs-blink');
    expect(q(el, '.role')!.textContent).to.equal('leader');
    el.statuses = [st({})];
    await el.updateComplete;
    expect(q(el, '[part="refreshing"]') === null, 'gone with the refresh').to.equal(true);
  });

  it('holds "Refreshing" long enough to be read, still blinking, against a fast server', async () => {
    const sb = await createSandbox({ seed: 3, paused: true });
    sandboxes.push(sb);
    const hub = createHub({ graceMs: 50 });
    const el = await fixture<ConnectionStatus>(html`<connection-status .hub=${hub}></connection-status>`);
    const src = hub.rest(`${sb.url}/v1/agl/health`, { decode: (j) => j });
    const sub = src.data$.subscribe();
    try {
      await waitUntil(() => label(el) === 'Live' && !q(el, '[part="refreshing"]'), 'live and settled', { timeout: 8000 });
      // One refresh: the reference server answers in a few milliseconds.
      let started = false;
      let fetchEnded = 0;
      const statusSub = src.status$.subscribe((s) => {
        if (s.refreshing) started = true;
        else if (started && fetchEnded === 0) fetchEnded = performance.now();
      });
      let shownSince = 0;
      let blinking = false;
      const t0 = performance.now();
      src.refresh();
      await waitUntil(() => q(el, '[part="refreshing"]'), 'Refreshing shown', { timeout: 2000 });
      shownSince = performance.now();
      await new Promise((r) => setTimeout(r, 500));
      const r = q(el, '[part="refreshing"]');
      blinking = !!r && r.getAnimations({ subtree: true }).some((a) => (a as CSSAnimation).animationName === 'cs-blink' && a.playState === 'running');
      await waitUntil(() => !q(el, '[part="refreshing"]'), 'Refreshing hidden again', { timeout: 4000 });
      const shownFor = performance.now() - shownSince;
      statusSub.unsubscribe();
      expect(fetchEnded, 'the refresh ended').to.be.greaterThan(0);
      expect(fetchEnded - t0, 'the refresh itself was fast').to.be.lessThan(500);
      expect(shownFor, `"Refreshing" was shown for ${Math.round(shownFor)} ms`).to.be.within(1000, 2500);
      expect(blinking, 'still blinking half a second in').to.equal(true);
    } finally {
      sub.unsubscribe();
    }
  });

  it('ticks the age of the last update each second', async () => {
    const el = await fixture<ConnectionStatus>(html`<connection-status .statuses=${[st({ lastEventAt: Date.now() - 1000 })]}></connection-status>`);
    const first = q(el, '[part="age"]')!.textContent;
    await waitUntil(() => q(el, '[part="age"]')!.textContent !== first, 'age ticked', { timeout: 3000 });
  });

  it('fires connection-status-click when activated', async () => {
    const el = await fixture<ConnectionStatus>(html`<connection-status .statuses=${[st({})]}></connection-status>`);
    setTimeout(() => q(el, 'button')!.click());
    const ev = await oneEvent(el, 'connection-status-click');
    expect(ev.detail.status.state).to.equal('live');
  });

  it('follows a real hub through a server restart: live → reconnecting → live', async () => {
    const sb = await createSandbox({ seed: 3 });
    sandboxes.push(sb);
    const hub = createHub({ backoff: { baseMs: 100, capMs: 400 } });
    const el = await fixture<ConnectionStatus>(html`<connection-status .hub=${hub}></connection-status>`);
    const sub = hub.live(sb.url).batches$.subscribe();
    try {
      await waitUntil(() => label(el) === 'Live', 'live', { timeout: 8000 });
      const seen = new Set<string>();
      const obs = new MutationObserver(() => seen.add(label(el)));
      obs.observe(el.shadowRoot!, { subtree: true, characterData: true, childList: true });
      await sb.faults({ mode: 'status', status: 503, count: 2 });
      await sb.restart();
      await waitUntil(() => seen.has('Reconnecting') || seen.has('Connecting'), 'saw the outage', { timeout: 8000 });
      await waitUntil(() => label(el) === 'Live', 'live again', { timeout: 10000 });
      obs.disconnect();
    } finally {
      sub.unsubscribe();
    }
  });

  it('announces a lost backend once and its return once, in a live region outside the ticking age', async () => {
    const el = await fixture<ConnectionStatus>(html`<connection-status .statuses=${[st({ state: 'connecting' })]}></connection-status>`);
    const regions = () => [...el.shadowRoot!.querySelectorAll('[role="status"], [role="alert"], [aria-live]')];
    expect(regions(), 'one live region').to.have.length(1);
    const region = regions()[0];
    expect(region.closest('button'), 'not inside the button').to.equal(null);
    const said: string[] = [];
    const note = () => {
      const t = region.textContent!.trim();
      if (said.at(-1) !== t) said.push(t);
    };
    const obs = new MutationObserver(note);
    obs.observe(el.shadowRoot!, { subtree: true, characterData: true, childList: true });
    const steps: SourceStatus['state'][] = ['live', 'live', 'reconnecting', 'error', 'reconnecting', 'offline', 'live', 'polling', 'live'];
    for (const state of steps) {
      el.statuses = [st({ state, reason: state === 'live' || state === 'polling' ? null : `because ${state}`, lastEventAt: Date.now() })];
      await el.updateComplete;
      note();
    }
    // The age ticks every second; the region must not.
    el.statuses = [st({ state: 'live', lastEventAt: Date.now() - 5000 })];
    const age = q(el, '[part="age"]')!.textContent;
    await waitUntil(() => q(el, '[part="age"]')!.textContent !== age, 'the age ticks', { timeout: 4000 });
    obs.disconnect();
    note();
    expect(said).to.deep.equal(['', 'Connection to the backend lost (reconnecting).', 'Connection to the backend restored.']);
  });

  it('is accessible in light and dark, in every state', async () => {
    const el = await fixture<ConnectionStatus>(html`<connection-status .statuses=${[st({ refreshing: true, lastEventAt: Date.now() })]}></connection-status>`);
    for (const state of ['live', 'polling', 'reconnecting', 'offline', 'error'] as const) {
      el.statuses = [st({ state, reason: state === 'live' ? null : 'because', lastEventAt: Date.now() })];
      await el.updateComplete;
      document.documentElement.style.colorScheme = '';
      await expect(el).to.be.accessible();
      document.documentElement.style.colorScheme = 'dark';
      await expect(el).to.be.accessible();
    }
  });
});
