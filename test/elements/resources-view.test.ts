import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createSandbox, type Sandbox } from '../helpers/server.js';
import '../../src/elements/resources-view/resources-view.define.js';
import type { ResourcesView } from '../../src/elements/resources-view/resources-view.js';
import { sampleSnapshots } from '../../src/elements/resources-view/resources-samples.js';
import { createHub } from '../../src/streams/hub.js';

const root = (el: ResourcesView) => el.shadowRoot!;
const cards = (el: ResourcesView) => [...root(el).querySelectorAll<HTMLElement>('section.card')];

describe('<resources-view>', () => {
  let sb: Sandbox | undefined;
  afterEach(async () => {
    document.documentElement.style.colorScheme = '';
    await sb?.dispose();
    sb = undefined;
  });

  it('lists snapshots newest version first with id, version, created and updated; the latest marked and open', async () => {
    const el = await fixture<ResourcesView>(html`<resources-view .snapshots=${sampleSnapshots()} latest-id="rs-000000000003"></resources-view>`);
    expect(cards(el).map((c) => c.dataset.id)).to.deep.equal(['rs-000000000003', 'rs-000000000002', 'rs-000000000001']);
    const latest = cards(el)[0];
    expect(latest.classList.contains('latest')).to.equal(true);
    expect(latest.textContent).to.contain('Latest').and.contain('v3').and.contain('created').and.contain('updated');
    expect(latest.querySelector('[part="tree"]')).to.not.equal(null);
    expect(cards(el)[1].querySelector('[part="tree"]')).to.equal(null);
    // The tree shows each resource, its type, and nested values.
    const tree = latest.querySelector('[part="tree"]')!.textContent!;
    expect(tree).to.contain('main_llm').and.contain('llm').and.contain('Qwen2.5-1.5B-Instruct-step-200').and.contain('temperature').and.contain('prompt_template');
  });

  it('expands an older snapshot and emits snapshot-select for its raw JSON', async () => {
    const el = await fixture<ResourcesView>(html`<resources-view .snapshots=${sampleSnapshots()} latest-id="rs-000000000003"></resources-view>`);
    const toggle = cards(el)[2].querySelector<HTMLButtonElement>('button.toggle')!;
    expect(toggle.getAttribute('aria-expanded')).to.equal('false');
    toggle.click();
    await el.updateComplete;
    expect(cards(el)[2].querySelector('[part="tree"]')!.textContent).to.contain('step-0');
    const raw = [...cards(el)[2].querySelectorAll('button')].find((b) => b.textContent!.includes('Raw JSON'))!;
    setTimeout(() => raw.click());
    const ev = await oneEvent(el, 'snapshot-select');
    expect(ev.detail.snapshot.resources_id).to.equal('rs-000000000001');
    expect(ev.detail.latest).to.equal(false);
  });

  it('renders hostile text as text', async () => {
    const snap = sampleSnapshots()[0];
    snap.resources.system_prompt = { resource_type: 'prompt_template', template: '<img src=x onerror="window.__pwned=1">', engine: '<script>window.__pwned=1</script>' };
    const el = await fixture<ResourcesView>(html`<resources-view .snapshots=${[snap]}></resources-view>`);
    expect(root(el).querySelector('img')).to.equal(null);
    expect(root(el).textContent).to.contain('<img src=x');
    expect((window as any).__pwned).to.equal(undefined);
  });

  it('reads /v1/agl/resources from the reference server and marks /resources/latest', async () => {
    sb = await createSandbox({ paused: true, seed: 5 });
    await sb.step(5 * 60_000);
    const list = await (await fetch(`${sb.url}/v1/agl/resources?limit=-1`)).json();
    const latest = await (await fetch(`${sb.url}/v1/agl/resources/latest`)).json();
    const el = await fixture<ResourcesView>(html`<resources-view base-url=${sb.url}></resources-view>`);
    await waitUntil(() => cards(el).length === list.items.length && list.items.length > 0, `${list.items.length} snapshots`, { timeout: 8000 });
    await waitUntil(() => root(el).querySelector('section.card.latest')?.getAttribute('data-id') === latest.resources_id, 'latest marked');
    await expect(el).to.be.accessible();
    document.documentElement.style.colorScheme = 'dark';
    await expect(el).to.be.accessible();
  });

  it('shows the snapshots it can read and lists the ones it cannot; a wrong envelope is an error', async () => {
    sb = await createSandbox({ paused: true, seed: 5 });
    await sb.step(5 * 60_000);
    const listUrl = `${sb.url}/v1/agl/resources?limit=-1`;
    const env = await (await fetch(listUrl)).json();
    expect(env.items.length).to.be.greaterThan(1);
    const badId = env.items[0].resources_id;
    let body: unknown = { ...env, items: [{ ...env.items[0], version: '<u>7</u>' }, ...env.items.slice(1), { resources: 'x' }] };
    const hub = createHub({
      fetch: (input: string, init?: RequestInit) =>
        input === listUrl ? Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })) : fetch(input, init),
    });
    const el = await fixture<ResourcesView>(html`<resources-view .hub=${hub} base-url=${sb.url}></resources-view>`);
    await waitUntil(() => cards(el).length === env.items.length - 1, `${env.items.length - 1} snapshots`, { timeout: 8000 });
    expect(cards(el).map((c) => c.dataset.id)).to.not.include(badId);
    expect(el.matches(':state(skipped)')).to.equal(true);
    // The phase's state is on, the other phases' off (the shared phaseStates map).
    expect(['loading', 'empty', 'error', 'stale', 'live'].filter((p) => el.matches(`:state(${p})`))).to.deep.equal(['live']);
    const notice = root(el).querySelector('[part="skipped"]')!;
    expect(notice.textContent!.replace(/\s+/g, ' ')).to.contain('2 resource snapshots could not be read');
    const items = [...notice.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' '));
    expect(items[0]).to.contain(`#0 · ${badId}`).and.contain('resources list.items[0].version: expected a number, found the string "<u>7</u>"');
    expect(items[1]).to.contain(`#${env.items.length}`).and.contain('.resources_id: expected a string');
    expect(notice.querySelector('u')).to.equal(null);
    await expect(el).to.be.accessible();
    document.documentElement.style.colorScheme = 'dark';
    await expect(el).to.be.accessible();
    body = { items: 5, limit: -1, offset: 0, total: 1 };
    el.refresh();
    await waitUntil(() => /expected a bare array \(seed API\) or an envelope/.test(root(el).textContent!), 'no clear error for a wrong envelope', { timeout: 8000 });
  });

  it('reads through a hub given after it is on the page (a portal sets .hub late)', async () => {
    sb = await createSandbox({ paused: true, seed: 5 });
    await sb.step(5 * 60_000);
    const listUrl = `${sb.url}/v1/agl/resources?limit=-1`;
    const asked: string[] = [];
    // No server at the default address: until the portal's hub arrives, the element errors.
    const el = await fixture<ResourcesView>(html`<resources-view base-url=${`${sb.url}/nowhere`}></resources-view>`);
    await waitUntil(() => root(el).querySelector('.state.error'), 'error first', { timeout: 8000 });
    const hub = createHub({ fetch: (input: string, init?: RequestInit) => (asked.push(input), fetch(input.replace('/nowhere', ''), init)) });
    el.hub = hub;
    await waitUntil(() => cards(el).length > 0, 'snapshots through the late hub', { timeout: 8000 });
    expect(asked).to.include(`${sb.url}/nowhere/v1/agl/resources?limit=-1`);
    expect(root(el).querySelector('.state.error')).to.equal(null);
    const list = await (await fetch(listUrl)).json();
    expect(cards(el).length).to.equal(list.items.length);
  });

  it('shows empty and error states', async () => {
    const empty = await fixture<ResourcesView>(html`<resources-view .snapshots=${[]}></resources-view>`);
    expect(root(empty).textContent).to.contain('No resource snapshots yet');
    await expect(empty).to.be.accessible();
    sb = await createSandbox({ paused: true });
    const el = await fixture<ResourcesView>(html`<resources-view base-url=${`${sb.url}/nowhere`}></resources-view>`);
    await waitUntil(() => root(el).querySelector('.state.error'), 'error state', { timeout: 8000 });
    const err = root(el).querySelector('.state.error')!;
    expect(err.getAttribute('role')).to.equal('alert');
    expect(err.textContent).to.contain('Could not load resources');
    expect(err.textContent, 'the address asked').to.contain(`${sb.url}/nowhere/v1/agl/resources`);
    expect([...err.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.include('Retry');
    await expect(el).to.be.accessible();
  });
});

describe('<resources-view> versions', () => {
  it('says what changed since the previous version and marks the changed values', async () => {
    const el = await fixture<ResourcesView>(html`<resources-view .snapshots=${sampleSnapshots()} latest-id="rs-000000000003"></resources-view>`);
    const head = el.shadowRoot!.querySelector('section.card[data-id="rs-000000000003"] .changes')!;
    expect(head.textContent).to.contain('1 change since v2');
    const changed = [...el.shadowRoot!.querySelectorAll('section.card[data-id="rs-000000000003"] .kv.changed')];
    expect(changed).to.have.length(1);
    expect(changed[0].textContent).to.contain('model').and.contain('step-200').and.contain('changed');
    // The oldest version has nothing to compare with.
    expect(el.shadowRoot!.querySelector('section.card[data-id="rs-000000000001"] .changes')).to.equal(null);
    await expect(el).to.be.accessible();
  });
});

describe('<resources-view> beside a snapshot drawer', () => {
  it('keeps landmark names unique while the raw JSON of a snapshot is open (axe landmark-unique)', async () => {
    await import('../../src/elements/json-view/json-view.define.js');
    const snaps = sampleSnapshots();
    const s = snaps.find((x) => x.resources_id === 'rs-000000000003')!;
    // What the dashboard shows on "Raw JSON": a drawer whose viewer is named after its title, `Resources <id>`.
    const page = await fixture<HTMLElement>(html`<div>
      <resources-view .snapshots=${snaps} latest-id="rs-000000000003"></resources-view>
      <aside aria-label="Raw JSON drawer"><json-view .value=${s} label=${`Resources ${s.resources_id}`}></json-view></aside>
    </div>`);
    const el = page.querySelector<ResourcesView>('resources-view')!;
    await el.updateComplete;
    await waitUntil(() => page.querySelector('json-view')!.shadowRoot?.querySelector('[role="region"]'), 'the viewer rendered');
    // Each card is a region named after its snapshot and version, not the drawer's name.
    expect(cards(el)[0].getAttribute('aria-label')).to.equal('Snapshot rs-000000000003, version 3');
    await expect(page).to.be.accessible();
  });
});

describe('<resources-view> announcements', () => {
  it('does not put its ticking "Updated … ago" or the refresh in a live region (a screen reader would repeat it every refresh)', async () => {
    const sb = await createSandbox({ paused: true, seed: 5 });
    try {
      await sb.step(5 * 60_000);
      const el = await fixture<ResourcesView>(html`<resources-view base-url=${sb.url}></resources-view>`);
      await waitUntil(() => /Updated/.test(root(el).querySelector('.bar')!.textContent!), 'the age shown', { timeout: 8000 });
      const live = [...root(el).querySelectorAll('[aria-live], [role="status"], [role="alert"], [role="log"]')];
      for (const r of live) expect(r.textContent, 'a live region').to.not.match(/Updated|Refreshing/);
    } finally {
      await sb.dispose();
    }
  });
});
