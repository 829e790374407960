import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { storyHub, storyStatus } from '../../src/elements/shared/cluster/story-hub.samples.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';
import '../../src/elements/storage-overview/storage-overview.define.js';
import type { StorageOverview } from '../../src/elements/storage-overview/storage-overview.js';
import type { StoreInfo } from '../../src/streams/models.js';

const GiB = 1024 ** 3;

function store(id: string, patch: Partial<StoreInfo> = {}): StoreInfo {
  return {
    id,
    name: id.toUpperCase(),
    kind: 'memory',
    parent: null,
    config: {},
    usedBytes: 1 * GiB,
    limitBytes: 4 * GiB,
    entries: 1000,
    hits: 75,
    misses: 25,
    evictions: 3,
    status: 'ok',
    ...patch,
  };
}

const root = (el: StorageOverview) => el.shadowRoot!;
const item = (el: StorageOverview, id: string) => root(el).querySelector<HTMLElement>(`[role="treeitem"][data-store-id="${id}"]`);
const row = (el: StorageOverview, id: string) => item(el, id)!.querySelector<HTMLElement>(':scope > [part="store"]')!;
const stat = (el: StorageOverview, id: string, s: string) => row(el, id).querySelector(`[data-stat="${s}"] .v`)!.textContent!.trim();

/** A paused sandbox whose simulated stores are replaced by exactly the ones given. */
async function world(stores: StoreInfo[]): Promise<{ sb: Sandbox; el: StorageOverview }> {
  const sb = await createSandbox({ paused: true, workers: 1, seed: 4 });
  const snapshot = await (await fetch(`${sb.url}/live/status`)).json();
  for (const s of snapshot.reset.stores as StoreInfo[]) await sb.inject({ stream: 'live', event: 'remove', data: { kind: 'store', id: s.id } });
  for (const s of stores) await sb.inject({ stream: 'live', event: 'store', data: s });
  const el = await fixture<StorageOverview>(html`<storage-overview base-url=${sb.url}></storage-overview>`);
  await waitUntil(() => root(el).querySelectorAll('[role="treeitem"]').length === stores.length, 'stores from the live feed', { timeout: 8000 });
  return { sb, el };
}

describe('<storage-overview>', () => {
  let sb: Sandbox | undefined;
  let el: StorageOverview;
  afterEach(async () => {
    document.documentElement.style.colorScheme = '';
    await sb?.dispose();
    sb = undefined;
  });

  it('shows the simulated stores of a sandbox as a tree of tiers', async () => {
    sb = await createSandbox({ paused: true, workers: 1, seed: 9 });
    el = await fixture<StorageOverview>(html`<storage-overview base-url=${sb.url}></storage-overview>`);
    await waitUntil(() => root(el).querySelector('[role="tree"]'), 'tree', { timeout: 8000 });
    const snapshot = await (await fetch(`${sb.url}/live/status`)).json();
    const stores = snapshot.reset.stores as StoreInfo[];
    expect(root(el).querySelectorAll('[role="treeitem"]').length).to.equal(stores.length);
    for (const s of stores.filter((x) => x.parent)) {
      // Every tier sits inside its parent's group, one level deeper.
      expect(item(el, s.id)!.parentElement!.closest('[role="treeitem"]')!.getAttribute('data-store-id')).to.equal(s.parent);
      expect(item(el, s.id)!.getAttribute('aria-level')).to.equal('2');
    }
    await waitUntil(() => root(el).querySelector('[part="connection"]')?.textContent?.includes('Live'), 'live pill');
  });

  it('shows usage against the limit as a meter, "no limit" when there is none, hit rate and evictions', async () => {
    ({ sb, el } = await world([
      store('cas', { kind: 'cas', limitBytes: null, usedBytes: 10 * GiB, config: { hash: 'sha256', verify: true } }),
      store('cas-mem', { parent: 'cas', usedBytes: 3 * GiB, limitBytes: 4 * GiB, hits: 3, misses: 1, evictions: 1234 }),
      store('cas-fs', { parent: 'cas', kind: 'filesystem', hits: 0, misses: 0, status: 'degraded' }),
    ]));
    expect(row(el, 'cas').querySelector('[role="meter"]')).to.equal(null);
    expect(row(el, 'cas').querySelector('[part="usage"]')!.textContent).to.contain('no limit');
    expect(row(el, 'cas').querySelector('[part="config"]')!.textContent!.replace(/\s+/g, ' ')).to.contain('hash: sha256').and.contain('verify: true');
    const meter = row(el, 'cas-mem').querySelector('[role="meter"]')!;
    expect(meter.getAttribute('aria-valuenow')).to.equal('75');
    expect(meter.getAttribute('aria-valuetext')).to.equal('3.0 GiB of 4.0 GiB (75%)');
    expect(stat(el, 'cas-mem', 'hit-rate')).to.equal('75.0%');
    expect(stat(el, 'cas-mem', 'evictions')).to.equal((1234).toLocaleString());
    expect(stat(el, 'cas-fs', 'hit-rate')).to.equal('no traffic yet');
    expect(row(el, 'cas-fs').querySelector('[part="status"]')!.textContent).to.equal('Degraded');

    // Live updates: usage grows, a store goes offline, a tier is removed.
    await sb!.inject({ stream: 'live', event: 'store', data: store('cas-mem', { parent: 'cas', usedBytes: 3.8 * GiB, limitBytes: 4 * GiB, status: 'offline' }) });
    await waitUntil(() => row(el, 'cas-mem').querySelector('[role="meter"]')!.getAttribute('aria-valuenow') === '95', 'usage update');
    expect(row(el, 'cas-mem').querySelector('[part="status"]')!.textContent).to.equal('Offline');
    expect(row(el, 'cas-mem').querySelector('.bar')!.getAttribute('data-level')).to.equal('high');
    await sb!.inject({ stream: 'live', event: 'remove', data: { kind: 'store', id: 'cas-fs' } });
    await waitUntil(() => !item(el, 'cas-fs'), 'removed tier');
  });

  it('a store that evicts by itself is not shown in warning colours for being nearly full; one that cannot evict is', async () => {
    // The simulated cluster's LRU "CAS memory" tier at 84% had an amber bar: a false alarm on the
    // Storage page of a healthy cluster.
    ({ sb, el } = await world([
      store('lru', { usedBytes: 3.6 * GiB, config: { evictionPolicy: 'lru', maxBytes: 4 * GiB } }),
      store('redis-lru', { usedBytes: 3.9 * GiB, config: { policy: 'allkeys-lru' } }),
      store('redis-noevict', { usedBytes: 3.9 * GiB, config: { policy: 'noeviction' } }),
      store('redis-volatile', { usedBytes: 3.2 * GiB, config: { policy: 'volatile-lru' } }),
      store('plain', { usedBytes: 3.2 * GiB }),
    ]));
    const level = (id: string) => row(el, id).querySelector('.bar')!.getAttribute('data-level');
    expect(level('lru')).to.equal('low');
    expect(level('redis-lru')).to.equal('low');
    expect(level('redis-noevict')).to.equal('high');
    expect(level('redis-volatile')).to.equal('mid');
    expect(level('plain')).to.equal('mid');
    // The figures still say how full it is.
    expect(row(el, 'lru').querySelector('[role="meter"]')!.getAttribute('aria-valuenow')).to.equal('90');
  });

  it('nests tiers several levels deep and collapses / expands them with the keyboard', async () => {
    ({ sb, el } = await world([
      store('ac', { kind: 'ac' }),
      store('ac-fast', { parent: 'ac', kind: 'fast_slow' }),
      store('ac-mem', { parent: 'ac-fast' }),
      store('ac-fs', { parent: 'ac-fast', kind: 'filesystem' }),
      store('orphan', { parent: 'missing' }),
    ]));
    expect(item(el, 'ac-mem')!.getAttribute('aria-level')).to.equal('3');
    expect(item(el, 'orphan')!.getAttribute('aria-level')).to.equal('1'); // unknown parent: shown at the top
    const top = item(el, 'ac')!;
    expect(top.getAttribute('aria-expanded')).to.equal('true');
    expect(item(el, 'ac-mem')!.hasAttribute('aria-expanded')).to.equal(false);
    top.focus();
    const key = (k: string) => root(el).activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }));
    key('ArrowDown');
    expect(root(el).activeElement).to.equal(item(el, 'ac-fast'));
    setTimeout(() => key('ArrowLeft'));
    const ev = await oneEvent(el, 'store-toggle');
    expect(ev.detail).to.deep.equal({ id: 'ac-fast', expanded: false });
    await el.updateComplete;
    expect(item(el, 'ac-fast')!.getAttribute('aria-expanded')).to.equal('false');
    expect(item(el, 'ac-mem')).to.equal(null);
    key('ArrowRight');
    await el.updateComplete;
    expect(item(el, 'ac-mem')).to.not.equal(null);
    key('ArrowLeft'); // collapse again
    await el.updateComplete;
    key('ArrowLeft'); // to the parent
    expect(root(el).activeElement).to.equal(item(el, 'ac'));
    // A click on a row with tiers toggles it too.
    row(el, 'ac').click();
    await el.updateComplete;
    expect(item(el, 'ac')!.getAttribute('aria-expanded')).to.equal('false');
    expect(item(el, 'ac-fast')).to.equal(null);
  });

  it('shows loading, empty and error states', async () => {
    sb = await createSandbox({ paused: true, workers: 1 });
    const loading = await fixture<StorageOverview>(html`<storage-overview base-url=${sb.url}></storage-overview>`);
    expect(root(loading).querySelector('[aria-busy="true"]')).to.not.equal(null);
    const empty = await fixture<StorageOverview>(html`<storage-overview .stores=${[]}></storage-overview>`);
    expect(root(empty).querySelector('[part="empty"]')!.textContent).to.contain('No stores');
    await expect(empty).to.be.accessible();
    const bad = await fixture<StorageOverview>(html`<storage-overview base-url=${`${sb.url}/nope`}></storage-overview>`);
    await waitUntil(() => root(bad).querySelector('[part="error"]'), 'error state', { timeout: 8000 });
    await expect(bad).to.be.accessible();
  });

  it('while reconnecting: the banner is not a live region, the change is announced once, and the dot does not blink under reduced motion', async () => {
    const hub = storyHub({ snapshot: { activities: [], workers: [], stores: [store('cas')], clients: [] }, status: storyStatus('reconnecting', { reason: 'HTTP 503' }) });
    try {
      await emulateMedia({ reducedMotion: 'reduce' });
      const x = await fixture<StorageOverview>(html`<storage-overview .hub=${hub}></storage-overview>`);
      await waitUntil(() => x.shadowRoot!.querySelector('[part="stale-banner"]'), 'stale banner');
      const banner = x.shadowRoot!.querySelector('[part="stale-banner"]')!;
      expect(banner.closest('[role="status"], [aria-live]'), 'the ticking banner is not in a live region').to.equal(null);
      expect(banner.querySelector('[role="status"], [aria-live]')).to.equal(null);
      expect(x.shadowRoot!.querySelector('[data-announcer]')!.textContent).to.contain('Connection lost: showing the last known stores');
      expect(x.shadowRoot!.querySelector<HTMLElement>('[part="connection"] .dot')!.getAnimations()).to.have.length(0);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });

  it('is accessible in light and dark', async () => {
    ({ sb, el } = await world([
      store('cas', { kind: 'cas', limitBytes: null }),
      store('cas-mem', { parent: 'cas', usedBytes: 3.9 * GiB, status: 'degraded' }),
      store('cas-fs', { parent: 'cas', kind: 'filesystem', hits: 0, misses: 0, status: 'offline' }),
    ]));
    await expect(el).to.be.accessible();
    document.documentElement.style.colorScheme = 'dark';
    await expect(el).to.be.accessible();
  });
});
