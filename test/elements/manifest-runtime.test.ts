// custom-elements.json's events and custom states compared with what the elements really do:
// each element is driven against the reference server (live data, an empty world, a failing
// server, a server lost after data) and through the interactions that fire its events, while
// EventTarget.prototype.dispatchEvent and CustomStateSet.prototype.add are recorded. A listed
// event never dispatched, a listed state never set, or a dispatched event / set state the
// manifest lacks fails. (The manifest lists what IDEs and framework typings offer users.)
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/all.js';
import { createHub, type Hub } from '../../src/streams/hub.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';

type Decl = { tagName?: string; events?: { name: string }[]; cssStates?: { name: string }[] };
type El = HTMLElement & Record<string, any> & { updateComplete: Promise<unknown> }; // eslint-disable-line @typescript-eslint/no-explicit-any

// ── the recorder: installed before any element is created ──────────────────────────────
const TAGS = ['client-list', 'connection-status', 'json-view', 'live-activity', 'log-console', 'resources-view', 'rollout-table', 'settings-panel', 'storage-overview', 'telltale-provider', 'trace-view', 'worker-board'];
const seen = new Map(TAGS.map((t) => [t, { events: new Set<string>(), states: new Set<string>() }]));
const ownerOf = new WeakMap<object, string>();
const attach = HTMLElement.prototype.attachInternals;
HTMLElement.prototype.attachInternals = function (this: HTMLElement) {
  const internals = attach.call(this);
  if (seen.has(this.localName)) ownerOf.set(internals.states, this.localName);
  return internals;
};
const addState = CustomStateSet.prototype.add;
CustomStateSet.prototype.add = function (this: CustomStateSet, state: string) {
  const tag = ownerOf.get(this);
  if (tag) seen.get(tag)!.states.add(state.replace(/^--/, ''));
  return addState.call(this, state);
};
const dispatch = EventTarget.prototype.dispatchEvent;
EventTarget.prototype.dispatchEvent = function (this: EventTarget, event: Event) {
  // Only what an element dispatches on itself (the test never dispatches on a host), less the
  // Context Community Protocol's `context-request` / `context-provider`, which @lit/context sends
  // to find a provider / announce one: plumbing between elements, not an event of their API.
  if (this instanceof HTMLElement && seen.has(this.localName) && event.type !== 'context-request' && event.type !== 'context-provider') seen.get(this.localName)!.events.add(event.type);
  return dispatch.call(this, event);
};

// ── helpers ──────────────────────────────────────────────────────────────────────────
const sandboxes: Sandbox[] = [];
async function sandbox(options: Record<string, unknown> = {}): Promise<Sandbox> {
  const sb = await createSandbox({ seed: 9, ...options });
  sandboxes.push(sb);
  return sb;
}
const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
const $ = <T extends Element = HTMLElement>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: Element, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const has = (tag: string, what: 'events' | 'states', name: string) => seen.get(tag)![what].has(name);
/** Waits for a state or event to be recorded; a miss is not thrown here: the comparison names it. */
const until = (tag: string, what: 'events' | 'states', name: string, timeout = 8000) => waitUntil(() => has(tag, what, name), '', { timeout }).catch(() => undefined);

async function mount(tag: string, attrs: Record<string, string> = {}, hub: Hub = createHub()): Promise<El> {
  const el = document.createElement(tag) as El;
  el.hub = hub;
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

/** An empty world: paused, no warm-up, and whatever the snapshot still holds removed. */
async function emptyWorld(): Promise<Sandbox> {
  const sb = await sandbox({ paused: true, warmupMs: 0, workers: 1 });
  const { reset } = await (await fetch(`${sb.url}/live/status`)).json();
  for (const kind of ['activity', 'worker', 'store', 'client'] as const)
    for (const r of reset[kind === 'activity' ? 'activities' : `${kind}s`] as { id: string }[]) await sb.inject({ stream: 'live', event: 'remove', data: { kind, id: r.id } });
  return sb;
}

/**
 * A hub whose fetch passes the reference server's answers through, except Agent-lightning lists
 * (`{items: […]}`), which `edit` changes on the way: a list emptied, or an item broken, as a
 * store of another version or a proxy might answer. Everything else is the server's own.
 */
function editingHub(edit: (items: unknown[]) => unknown[], only = /./): Hub {
  return createHub({
    fetch: async (input: string, init?: RequestInit) => {
      const res = await fetch(input, init);
      if (!/\/v1\/agl\/[a-z/_-]+(\?|$)/.test(input) || !only.test(input) || !res.ok) return res;
      const body = (await res.json()) as { items?: unknown[] };
      if (Array.isArray(body.items)) body.items = edit(body.items);
      return new Response(JSON.stringify(body), { status: res.status, headers: { 'content-type': 'application/json' } });
    },
  });
}

/** The data states every data element goes through: live data, empty, a failing server, a server lost after data. */
async function dataStates(tag: string, attrs: Record<string, string> = {}, agl = false, emptyList = /./): Promise<El> {
  const empty = agl ? await mount(tag, { ...attrs, 'base-url': (await sandbox()).url }, editingHub(() => [], emptyList)) : await mount(tag, { ...attrs, 'base-url': (await emptyWorld()).url });
  await until(tag, 'states', 'empty');
  empty.remove();
  if (agl) {
    // One item of the answer unreadable: the rest shown, with a notice.
    const skipping = await mount(tag, { ...attrs, 'base-url': (await sandbox()).url }, editingHub((items) => [...items, { broken: '<b>item</b>' }]));
    await until(tag, 'states', 'skipped');
    skipping.remove();
  }
  const failing = await sandbox();
  await failing.faults({ mode: 'status', status: 403 }); // a 4xx is not retried: an error, not a reconnect
  const broken = await mount(tag, { ...attrs, 'base-url': failing.url });
  await until(tag, 'states', 'error');
  broken.remove();
  const sb = await sandbox();
  const el = await mount(tag, { ...attrs, 'base-url': sb.url });
  await waitUntil(() => $$(el, '[part]').length > 0, `${tag} renders`, { timeout: 8000 });
  await until(tag, 'states', 'live', 5000);
  await frame();
  return el;
}

/** The browser says it is offline and the server does not answer: offline, not reconnecting. */
async function offline(tag: string, hub: Hub = createHub(), extra: Record<string, string> = {}): Promise<void> {
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  try {
    const el = await mount(tag, { ...extra, 'base-url': 'http://127.0.0.1:9' }, hub); // the discard port: nothing listens
    await until(tag, 'states', 'offline');
    el.remove();
  } finally {
    delete (navigator as unknown as Record<string, unknown>).onLine;
  }
}

/** The server goes away after data: what was shown stays, marked stale. */
async function loseServer(tag: string, el: El): Promise<void> {
  const sb = sandboxes[sandboxes.length - 1]!;
  await sb.faults({ mode: 'status', status: 503 });
  await sb.faults({ mode: 'cut' });
  if (typeof el.refresh === 'function') el.refresh();
  await until(tag, 'states', 'stale');
}

// ── per element: the interactions that fire its events ─────────────────────────────────
const DRIVE: Record<string, (tag: string) => Promise<void>> = {
  async 'client-list'(tag) {
    const el = await dataStates(tag);
    await waitUntil(() => $(el, 'tr[data-client-id]'), 'a client row', { timeout: 8000 });
    $(el, 'tr[data-client-id] td:nth-child(3)')!.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
    await loseServer(tag, el);
    el.remove();
  },
  async 'worker-board'(tag) {
    const el = await dataStates(tag);
    await waitUntil(() => $(el, '.wid'), 'a worker card', { timeout: 8000 });
    $<HTMLButtonElement>(el, '.wid')!.click();
    await loseServer(tag, el);
    el.remove();
  },
  async 'storage-overview'(tag) {
    const el = await dataStates(tag);
    const item = await waitUntil(() => $$(el, '[role="treeitem"][aria-expanded]')[0], 'an expandable store', { timeout: 8000 }).then(() => $$(el, '[role="treeitem"][aria-expanded]')[0]!);
    item.focus();
    item.dispatchEvent(new KeyboardEvent('keydown', { key: item.getAttribute('aria-expanded') === 'true' ? 'ArrowLeft' : 'ArrowRight', bubbles: true, composed: true }));
    await loseServer(tag, el);
    el.remove();
  },
  async 'live-activity'(tag) {
    const el = await dataStates(tag);
    const input = $<HTMLInputElement>(el, '.search input')!;
    input.value = 'a';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await waitUntil(() => $(el, '.row[data-id]'), 'a row', { timeout: 8000 });
    $(el, '.row[data-id]')!.click();
    $<HTMLButtonElement>(el, 'button.pause')!.click();
    await until(tag, 'states', 'paused', 3000);
    $<HTMLButtonElement>(el, 'button.pause')!.click();
    await loseServer(tag, el);
    el.remove();
    await offline(tag);
  },
  async 'log-console'(tag) {
    const el = await dataStates(tag, { streams: 'scheduler' });
    await waitUntil(() => $(el, 'button.copy'), 'a log line', { timeout: 8000 });
    await until(tag, 'states', 'following', 3000);
    const filter = $<HTMLInputElement>(el, 'input[part=filter]')!;
    filter.value = 'x';
    filter.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    filter.value = '';
    filter.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    const v = $(el, '.viewport')!;
    await waitUntil(() => v.scrollHeight > v.clientHeight, 'more lines than fit', { timeout: 8000 }).catch(() => undefined);
    v.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true }));
    await until(tag, 'events', 'log-follow-change', 3000);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => undefined } });
    $<HTMLButtonElement>(el, 'button.copy')!.click();
    const download = $<HTMLButtonElement>(el, 'button[title^="Download what is loaded as plain"]')!;
    el.addEventListener('log-download', (e) => e.preventDefault(), { once: true }); // no file saved by the test
    download.click();
    el.remove();
    // Stale is a reconnecting or offline source; the reference server's log stream, once open,
    // is not cut by a fault, so the browser going offline with no server is what shows it.
    await offline(tag, createHub(), { streams: 'scheduler' });
  },
  async 'connection-status'(tag) {
    // Its states are those of the hub's connections: a hub shared with a live-activity (SSE) or
    // a rollout-table (REST) reading the reference server.
    const watch = async (state: string, hub: Hub, reader: string, base: string, extra: Record<string, string> = {}) => {
      const status = await mount(tag, {}, hub);
      const r = await mount(reader, { ...extra, 'base-url': base }, hub);
      await until(tag, 'states', state);
      r.remove();
      return status;
    };
    (await mount(tag)).remove(); // no sources: idle
    const live = await watch('live', createHub(), 'live-activity', (await sandbox()).url);
    $<HTMLButtonElement>(live, 'button')!.click();
    live.remove();
    // A proxy that buffers the event stream: no first byte, so the hub falls back to polling.
    const buffering = await sandbox();
    await buffering.faults({ mode: 'buffer', streams: ['live'] });
    (await watch('polling', createHub({ firstByteTimeoutMs: 500 }), 'live-activity', buffering.url)).remove();
    (await watch('refreshing', createHub(), 'rollout-table', (await sandbox()).url)).remove();
    const failing = await sandbox();
    await failing.faults({ mode: 'status', status: 403 });
    (await watch('error', createHub(), 'live-activity', failing.url)).remove();
    const flaky = await sandbox();
    await flaky.faults({ mode: 'status', status: 503 });
    (await watch('reconnecting', createHub(), 'live-activity', flaky.url)).remove();
    Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
    try {
      (await watch('offline', createHub(), 'live-activity', 'http://127.0.0.1:9')).remove();
    } finally {
      delete (navigator as unknown as Record<string, unknown>).onLine;
    }
  },
  async 'rollout-table'(tag) {
    const el = await dataStates(tag, {}, true);
    const row = await waitUntil(() => $(el, 'button[data-action="json"]'), 'a rollout', { timeout: 8000 }).then(() => $(el, 'button[data-action="json"]')!.closest<HTMLElement>('tr, [data-rollout]')!);
    el.addEventListener('rollout-view-json', (e) => e.preventDefault(), { once: true });
    row.querySelector<HTMLButtonElement>('button[data-action="json"]')!.click();
    row.querySelector<HTMLButtonElement>('button[data-action="traces"]')?.click();
    $<HTMLButtonElement>(el, 'button[aria-expanded]')?.click();
    await loseServer(tag, el);
    el.remove();
  },
  async 'resources-view'(tag) {
    const el = await dataStates(tag, {}, true);
    const toggle = await waitUntil(() => $(el, 'button.toggle'), 'a snapshot', { timeout: 8000 }).then(() => $<HTMLButtonElement>(el, 'button.toggle')!);
    toggle.click();
    await el.updateComplete;
    [...toggle.closest('[part]')!.querySelectorAll<HTMLButtonElement>('button')].find((b) => b.textContent!.includes('Raw JSON'))?.click();
    await loseServer(tag, el);
    el.remove();
  },
  async 'trace-view'(tag) {
    // Empty is a chosen attempt without spans (with no rollouts at all there is nothing to choose).
    const el = await dataStates(tag, {}, true, /\/v1\/agl\/spans/);
    const select = await waitUntil(() => $<HTMLSelectElement>(el, 'select[aria-label="Rollout"]')?.value.startsWith('ro-'), 'a rollout', { timeout: 8000 }).then(() => $<HTMLSelectElement>(el, 'select[aria-label="Rollout"]')!);
    await waitUntil(() => $(el, 'button.span-name'), 'a span', { timeout: 8000 }).catch(() => undefined);
    $<HTMLButtonElement>(el, 'button.span-name')?.click();
    await loseServer(tag, el);
    select.value = [...select.options].map((o) => o.value).find((v) => v && v !== select.value) ?? select.value;
    select.dispatchEvent(new Event('change'));
    el.remove();
  },
  async 'json-view'(tag) {
    const el = await fixture<El>(html`<json-view text='{"a": [1, 2]}'></json-view>`);
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => undefined } });
    $<HTMLButtonElement>(el, '[part="copy"]')!.click();
    await until(tag, 'events', 'json-copy', 3000);
  },
  async 'settings-panel'(tag) {
    const el = await fixture<El>(html`<settings-panel></settings-panel>`);
    const s = $<HTMLSelectElement>(el, '#refresh')!;
    s.value = '15000';
    s.dispatchEvent(new Event('change', { bubbles: true }));
    await until(tag, 'events', 'settings-change', 3000);
    localStorage.clear();
  },
  async 'telltale-provider'() {
    await fixture(html`<telltale-provider></telltale-provider>`);
  },
};

describe('custom-elements.json events and custom states match what the elements do', () => {
  let decls: Decl[] = [];
  before(async () => {
    const manifest = (await (await fetch('/custom-elements.json')).json()) as { modules: { declarations?: Decl[] }[] };
    decls = manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName);
  });
  after(async () => {
    await Promise.all(sandboxes.map((s) => s.dispose()));
  });

  it('drives every element of the manifest', () => {
    expect(decls.map((d) => d.tagName).sort()).to.deep.equal([...TAGS].sort());
  });

  for (const tag of TAGS) {
    it(`<${tag}>: dispatches exactly the events and sets exactly the custom states it lists`, async function () {
      this.timeout(90_000);
      const d = decls.find((x) => x.tagName === tag)!;
      await DRIVE[tag]!(tag);
      const listedEvents = (d.events ?? []).map((e) => e.name).sort();
      const listedStates = (d.cssStates ?? []).map((s) => s.name).sort();
      const { events, states } = seen.get(tag)!;
      expect([...events].filter((e) => !listedEvents.includes(e)), `<${tag}> dispatched events the manifest lacks`).to.deep.equal([]);
      expect([...states].filter((s) => !listedStates.includes(s)), `<${tag}> set custom states the manifest lacks`).to.deep.equal([]);
      expect(listedEvents.filter((e) => !events.has(e)), `<${tag}> manifest events never dispatched`).to.deep.equal([]);
      expect(listedStates.filter((s) => !states.has(s)), `<${tag}> manifest states never set`).to.deep.equal([]);
    });
  }
});
