// The shared hub-source controllers against the real reference server, through a real hub.
import { expect, fixture, html as thtml, waitUntil } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { HubSourceController, HubSourcesController, argsEqual } from '../../src/elements/shared/hub-source-controller.js';
import { createHub, type Hub } from '../../src/streams/hub.js';
import type { HubLike } from '../../src/streams/types.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';

let hub: Hub;

class OneSource extends LitElement {
  static override properties = { base: {}, other: {} };
  base = '';
  other = 0;
  noHub = false;
  data: unknown[] = [];
  resets: [unknown, unknown][] = [];
  readonly src = new HubSourceController(this, {
    args: () => {
      if (this.noHub) throw new Error('no hub: give .hub or a <telltale-provider>');
      return this.base ? ([hub as HubLike, this.base] as const) : null;
    },
    source: ([h, base]) => h.rest(`${base}/v1/agl/health`, { decode: (j) => j }),
    data: (s) => s.data$,
    onData: (r) => this.data.push(r.data),
    onReset: (next, prev) => {
      this.resets.push([next?.[1] ?? null, prev[1]]);
      this.data = [];
    },
  });
  override render() {
    return html`<p>${this.src.error ?? this.src.status?.state ?? 'none'}</p>`;
  }
}
customElements.define('one-source-probe', OneSource);

class ManySources extends LitElement {
  static override properties = { streams: {} };
  base = '';
  streams = 'scheduler,cas';
  lines = new Map<string, number>();
  resets = 0;
  readonly src = new HubSourcesController(this, {
    args: () => [hub as HubLike, this.base, this.streams] as const,
    sources: ([h, base, streams]) => streams.split(',').map((s) => [s, h.logs(base, s)] as const),
    data: (s) => s.batches$,
    onData: (batch, key) => this.lines.set(key, (this.lines.get(key) ?? 0) + batch.events.length),
    onReset: () => {
      this.resets++;
      this.lines = new Map();
    },
  });
}
customElements.define('many-sources-probe', ManySources);

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.dispose()));
});
async function sandbox() {
  const sb = await createSandbox({ seed: 5 });
  sandboxes.push(sb);
  return sb;
}

describe('argsEqual', () => {
  it('compares like Lit Task: element by element, NaN equal to NaN, length matters', () => {
    const o = {};
    expect(argsEqual([o, 'a', 1], [o, 'a', 1])).to.equal(true);
    expect(argsEqual([NaN], [NaN])).to.equal(true);
    expect(argsEqual([{}], [{}])).to.equal(false);
    expect(argsEqual(['a'], ['a', undefined])).to.equal(false);
    expect(argsEqual(null, null)).to.equal(true);
    expect(argsEqual(null, [])).to.equal(false);
  });
});

describe('HubSourceController', () => {
  beforeEach(() => {
    hub = createHub({ graceMs: 50 });
  });

  it('follows the source for its arguments, keeps it while they are equal, and resets once when they change', async () => {
    const [a, b] = [await sandbox(), await sandbox()];
    const el = await fixture<OneSource>(thtml`<one-source-probe .base=${a.url}></one-source-probe>`);
    await waitUntil(() => el.data.length > 0 && el.src.status?.state === 'live', 'data and a live status from the first server');
    expect(el.shadowRoot!.textContent).to.include('live');
    const first = el.src.source;
    expect(first!.key).to.include(a.url);

    el.other++; // an unrelated update: same arguments, same source, no reset
    await el.updateComplete;
    expect(el.src.source).to.equal(first);
    expect(el.resets).to.deep.equal([]);

    el.base = b.url;
    await el.updateComplete;
    expect(el.resets).to.deep.equal([[b.url, a.url]]);
    expect(el.src.source).not.to.equal(first);
    expect(el.src.source!.key).to.include(b.url);
    await waitUntil(() => el.data.length > 0 && el.src.status?.state === 'live', 'data from the second server');

    el.base = ''; // no source (e.g. data given by property)
    await el.updateComplete;
    expect(el.src.source).to.equal(null);
    expect(el.src.status).to.equal(null);
    expect(el.resets.length).to.equal(2);
  });

  it('reports a failure to choose a source as error, and recovers when the arguments can be read again', async () => {
    const a = await sandbox();
    const el = await fixture<OneSource>(thtml`<one-source-probe .base=${a.url}></one-source-probe>`);
    await waitUntil(() => el.src.status?.state === 'live', 'live');
    el.noHub = true;
    el.other++;
    await el.updateComplete;
    expect(el.src.error).to.equal('no hub: give .hub or a <telltale-provider>');
    expect(el.src.source).to.equal(null);
    expect(el.shadowRoot!.textContent).to.include('no hub');
    el.noHub = false;
    el.other++;
    await el.updateComplete;
    expect(el.src.error).to.equal(null);
    await waitUntil(() => el.src.status?.state === 'live', 'live again');
  });

  it('unsubscribes when the host leaves the page and resubscribes when it comes back', async () => {
    const a = await sandbox();
    const el = await fixture<OneSource>(thtml`<one-source-probe .base=${a.url}></one-source-probe>`);
    await waitUntil(() => el.src.status?.state === 'live', 'live');
    const parent = el.parentElement!;
    el.remove();
    expect(el.src.active).to.equal(false);
    await waitUntil(() => hub.openSources().length === 0, 'the hub closed the source after its grace period');
    el.data = [];
    parent.append(el);
    expect(el.src.active).to.equal(true);
    await waitUntil(() => el.data.length > 0, 'data again after reconnecting');
    expect(el.resets).to.deep.equal([]);
  });
});

describe('HubSourcesController', () => {
  beforeEach(() => {
    hub = createHub({ graceMs: 50 });
  });

  it('follows one source per key with a status each, and resets when the set changes', async () => {
    const a = await sandbox();
    const el = document.createElement('many-sources-probe') as ManySources;
    el.base = a.url;
    document.body.append(el);
    try {
      await waitUntil(() => (el.lines.get('scheduler') ?? 0) > 0 && (el.lines.get('cas') ?? 0) > 0, 'lines from both streams');
      await waitUntil(() => el.src.statuses.get('scheduler')?.state === 'live' && el.src.statuses.get('cas')?.state === 'live', 'both live');
      expect([...el.src.sources.keys()]).to.deep.equal(['scheduler', 'cas']);

      el.streams = 'agl,no-such-stream';
      await el.updateComplete;
      expect(el.resets).to.equal(1);
      expect([...el.src.sources.keys()]).to.deep.equal(['agl', 'no-such-stream']);
      expect(el.src.statuses.has('scheduler')).to.equal(false);
      await waitUntil(() => (el.lines.get('agl') ?? 0) > 0, 'lines from the new stream');
      await waitUntil(() => ['error', 'reconnecting'].includes(el.src.statuses.get('no-such-stream')?.state ?? ''), 'the unknown stream reports its failure under its own key');
      expect(el.src.statuses.get('agl')?.state).to.equal('live');
    } finally {
      el.remove();
    }
  });
});
