import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { storyHub, storyStatus } from '../../src/elements/shared/cluster/story-hub.samples.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';
import '../../src/elements/client-list/client-list.define.js';
import type { ClientList } from '../../src/elements/client-list/client-list.js';
import type { ClientInfo } from '../../src/streams/models.js';

const T0 = 1_800_000_000_000;

function client(id: string, patch: Partial<ClientInfo> = {}): ClientInfo {
  return {
    id,
    address: '10.0.0.1:5000',
    tool: 'bazel 7.4.1',
    status: 'active',
    executions: 1200,
    bytesSent: 1536,
    bytesReceived: 3 * 1024 ** 3,
    connectedAt: T0 - 3_600_000,
    lastSeen: T0 - 2000,
    recent: [],
    ...patch,
  };
}

const root = (el: ClientList) => el.shadowRoot!;
const row = (el: ClientList, id: string) => root(el).querySelector<HTMLTableRowElement>(`tr[data-client-id="${id}"]`);
const ids = (el: ClientList) => [...root(el).querySelectorAll<HTMLElement>('tr[data-client-id]')].map((r) => r.dataset.clientId);
const statusOf = (el: ClientList, id: string) => row(el, id)!.querySelector('[part="status"]')!.textContent!.trim();

async function world(clients: ClientInfo[]): Promise<{ sb: Sandbox; el: ClientList }> {
  const sb = await createSandbox({ paused: true, workers: 1, seed: 6 });
  const snapshot = await (await fetch(`${sb.url}/live/status`)).json();
  for (const c of snapshot.reset.clients as ClientInfo[]) await sb.inject({ stream: 'live', event: 'remove', data: { kind: 'client', id: c.id } });
  for (const c of clients) await sb.inject({ stream: 'live', event: 'client', data: c });
  const el = await fixture<ClientList>(html`<client-list base-url=${sb.url} .now=${T0}></client-list>`);
  await waitUntil(() => ids(el).length === clients.length, 'clients from the live feed', { timeout: 8000 });
  return { sb, el };
}

describe('<client-list>', () => {
  let sb: Sandbox | undefined;
  let el: ClientList;
  afterEach(async () => {
    document.documentElement.style.colorScheme = '';
    await sb?.dispose();
    sb = undefined;
  });

  it('lists the simulated clients of a sandbox', async () => {
    sb = await createSandbox({ paused: true, workers: 1, seed: 2 });
    el = await fixture<ClientList>(html`<client-list base-url=${sb.url}></client-list>`);
    const snapshot = await (await fetch(`${sb.url}/live/status`)).json();
    await waitUntil(() => ids(el).length === snapshot.reset.clients.length && ids(el).length > 0, 'clients', { timeout: 8000 });
    const first = snapshot.reset.clients[0] as ClientInfo;
    expect(row(el, first.id)!.textContent).to.contain(first.address).and.contain(first.tool);
  });

  it('shows connection info, status, executions, data in human units, last seen and recent activities', async () => {
    ({ sb, el } = await world([
      client('c-1', { recent: ['act-a', 'act-b', 'act-c', 'act-d'] }),
      client('c-2', { status: 'idle', lastSeen: T0 - 95_000, address: '192.168.1.2:6000', tool: 'buck2' }),
      client('c-3', { status: 'disconnected', lastSeen: T0 - 1_800_000 }),
    ]));
    await sb!.inject({
      stream: 'live',
      event: 'activity',
      data: { id: 'act-a', type: 'execution', status: 'success', stage: 'completed', title: 'CppCompile //a:b', detail: '', worker: null, client: 'c-1', createdAt: T0, updatedAt: T0, stages: [] },
    });
    expect(statusOf(el, 'c-1')).to.equal('Active');
    expect(statusOf(el, 'c-2')).to.equal('Idle');
    expect(statusOf(el, 'c-3')).to.equal('Disconnected');
    const r1 = row(el, 'c-1')!;
    expect(r1.textContent).to.contain('1.5 KiB').and.contain('3.0 GiB').and.contain((1200).toLocaleString());
    expect(r1.querySelector('[data-col="last-seen"]')!.textContent).to.contain('2s ago');
    expect(row(el, 'c-2')!.querySelector('[data-col="last-seen"]')!.textContent).to.contain('1m 35s ago');
    expect(row(el, 'c-2')!.textContent).to.contain('192.168.1.2:6000').and.contain('buck2');
    // Recent activities: titles once known, ids otherwise, at most three and a count.
    await waitUntil(() => r1.querySelector('[part="recent"]')!.textContent!.includes('CppCompile //a:b'), 'title of a known activity');
    expect(r1.querySelector('[part="recent"]')!.textContent).to.contain('act-b').and.contain('+1 more');
    expect(row(el, 'c-3')!.textContent).to.contain('none yet');
    // Ordered: active, idle, disconnected.
    expect(ids(el)).to.deep.equal(['c-1', 'c-2', 'c-3']);

    // Status changes arrive live.
    await sb!.inject({ stream: 'live', event: 'client', data: client('c-1', { status: 'disconnected', lastSeen: T0 - 1000 }) });
    await waitUntil(() => statusOf(el, 'c-1') === 'Disconnected', 'c-1 disconnected');
    await sb!.inject({ stream: 'live', event: 'client', data: client('c-3', { status: 'active', lastSeen: T0 }) });
    await waitUntil(() => statusOf(el, 'c-3') === 'Active', 'c-3 back');
    expect(ids(el)).to.deep.equal(['c-3', 'c-2', 'c-1']);
    el.now = T0 + 10_000;
    await el.updateComplete;
    expect(row(el, 'c-3')!.querySelector('[data-col="last-seen"]')!.textContent).to.contain('10s ago');
  });

  it('fires client-select on click and on Enter, and clears the selection', async () => {
    ({ sb, el } = await world([client('c-1'), client('c-2', { status: 'idle' })]));
    setTimeout(() => row(el, 'c-2')!.querySelector('td:nth-child(3)')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true })));
    let ev = await oneEvent(el, 'client-select');
    expect(ev.detail).to.deep.equal({ id: 'c-2' });
    await el.updateComplete;
    expect(el.getAttribute('selected')).to.equal('c-2');
    expect(row(el, 'c-2')!.hasAttribute('data-selected')).to.equal(true);
    expect(row(el, 'c-2')!.querySelector('[part="client-id"]')!.getAttribute('aria-pressed')).to.equal('true');

    // Keyboard: the id is a button, so Enter activates it (a native button turns Enter into click).
    const btn = row(el, 'c-1')!.querySelector<HTMLButtonElement>('[part="client-id"]')!;
    btn.focus();
    expect(root(el).activeElement).to.equal(btn);
    setTimeout(() => btn.click());
    ev = await oneEvent(el, 'client-select');
    expect(ev.detail).to.deep.equal({ id: 'c-1' });

    await el.updateComplete;
    const clear = [...root(el).querySelectorAll('button')].find((b) => b.textContent!.includes('Clear selection'))!;
    setTimeout(() => clear.click());
    ev = await oneEvent(el, 'client-select');
    expect(ev.detail).to.deep.equal({ id: null });
  });

  it('is one Tab stop with arrows inside, Enter selects, and clearing the selection keeps focus', async () => {
    ({ sb, el } = await world([client('c-1'), client('c-2'), client('c-3'), client('c-4')]));
    const focusedId = () => (root(el).activeElement as HTMLElement | null)?.closest<HTMLElement>('tr[data-client-id]')?.dataset.clientId ?? null;
    root(el).querySelector<HTMLInputElement>('input[type="search"]')!.focus();
    let presses = 0;
    while (focusedId() === null && presses < 10) {
      await sendKeys({ press: 'Tab' });
      presses++;
    }
    expect(focusedId(), `reached the table after ${presses} presses`).to.equal('c-1');
    await sendKeys({ press: 'Tab' });
    expect(focusedId(), 'the next Tab leaves the table (it stopped on every row)').to.equal(null);
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focusedId()).to.equal('c-1');
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => focusedId() === 'c-2', 'ArrowDown');
    await sendKeys({ press: 'End' });
    await waitUntil(() => focusedId() === 'c-4', 'End');
    setTimeout(() => void sendKeys({ press: 'Enter' }));
    const ev = await oneEvent(el, 'client-select');
    expect(ev.detail).to.deep.equal({ id: 'c-4' });
    await el.updateComplete;
    // Clear selection removes its own button: focus goes back to the client, not to <body>.
    const clear = [...root(el).querySelectorAll('button')].find((b) => b.textContent!.includes('Clear selection'))!;
    clear.focus();
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => !clear.isConnected, 'the Clear button went');
    await waitUntil(() => focusedId() === 'c-4', 'focus back on the client that was selected');
    expect(document.activeElement).to.equal(el);
  });

  it('searches by id, address and tool', async () => {
    ({ sb, el } = await world([client('ci-1'), client('dev-2', { address: '192.168.0.9:1', tool: 'buck2' })]));
    const input = root(el).querySelector<HTMLInputElement>('input[type="search"]')!;
    input.value = 'buck';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(ids(el)).to.deep.equal(['dev-2']);
    input.value = '192.168';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(ids(el)).to.deep.equal(['dev-2']);
    input.value = 'zzz';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect(root(el).querySelector('[part="empty"]')!.textContent).to.contain('No matching clients');
  });

  it('while reconnecting: the banner is not a live region, the change is announced once, and the dot does not blink under reduced motion', async () => {
    const hub = storyHub({ snapshot: { activities: [], workers: [], stores: [], clients: [client('c-1')] }, status: storyStatus('reconnecting', { reason: 'HTTP 503' }) });
    try {
      await emulateMedia({ reducedMotion: 'reduce' });
      const x = await fixture<ClientList>(html`<client-list .hub=${hub}></client-list>`);
      await waitUntil(() => x.shadowRoot!.querySelector('[part="stale-banner"]'), 'stale banner');
      const banner = x.shadowRoot!.querySelector('[part="stale-banner"]')!;
      expect(banner.closest('[role="status"], [aria-live]'), 'the ticking banner is not in a live region').to.equal(null);
      expect(banner.querySelector('[role="status"], [aria-live]')).to.equal(null);
      expect(x.shadowRoot!.querySelector('[data-announcer]')!.textContent).to.contain('Connection lost: showing the last known clients');
      expect(x.shadowRoot!.querySelector<HTMLElement>('[part="connection"] .dot')!.getAnimations()).to.have.length(0);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('shows loading, empty, error, and is accessible in light and dark', async () => {
    ({ sb, el } = await world([client('c-1', { recent: ['a-1'] }), client('c-2', { status: 'idle' }), client('c-3', { status: 'disconnected' })]));
    el.selected = 'c-1';
    await el.updateComplete;
    await expect(el).to.be.accessible();
    document.documentElement.style.colorScheme = 'dark';
    await expect(el).to.be.accessible();
    const loading = await fixture<ClientList>(html`<client-list base-url=${sb!.url}></client-list>`);
    expect(root(loading).querySelector('[aria-busy="true"]')).to.not.equal(null);
    await expect(loading).to.be.accessible();
    const empty = await fixture<ClientList>(html`<client-list .clients=${[]}></client-list>`);
    expect(root(empty).querySelector('[part="empty"]')!.textContent).to.contain('No clients');
    const bad = await fixture<ClientList>(html`<client-list base-url=${`${sb!.url}/nope`}></client-list>`);
    await waitUntil(() => root(bad).querySelector('[part="error"]'), 'error state', { timeout: 8000 });
    await expect(bad).to.be.accessible();
  });
});
