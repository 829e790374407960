// Every element honours its configuration whenever it arrives: the attribute or the property,
// set before the element is connected, between connection and its first render (an Angular
// binding, a script after the bundle), or after it has rendered. Each case points the element
// at a fresh sandbox of the reference server and waits for the element to ask that sandbox for
// data (through a hub whose fetch records every request); json-view must show the text it was
// given. log-console used to ignore a base-url set between connection and first render.
import { expect, waitUntil } from '@open-wc/testing';
import '../../src/all.js';
import { createHub } from '../../src/streams/hub.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';
import { recordingFetch } from '../streams/util.js';

type Case = { tag: string; extra?: Record<string, string> };
/** The elements that read a backend, with what else they need to read it. */
const READERS: Case[] = [
  { tag: 'live-activity' },
  { tag: 'worker-board' },
  { tag: 'storage-overview' },
  { tag: 'client-list' },
  { tag: 'log-console', extra: { streams: 'scheduler' } },
  { tag: 'rollout-table' },
  { tag: 'trace-view' },
  { tag: 'resources-view' },
];
const WHEN = ['before', 'during', 'after'] as const;
const HOW = ['attribute', 'property'] as const;

type AnyEl = HTMLElement & Record<string, unknown> & { updateComplete: Promise<unknown> };

/** Create `tag`, give it its configuration the way and at the moment asked, connect it. */
async function place(tag: string, how: (typeof HOW)[number], when: (typeof WHEN)[number], configure: (el: AnyEl) => void, setup?: (el: AnyEl) => void) {
  const el = document.createElement(tag) as AnyEl;
  setup?.(el);
  if (when === 'before') configure(el);
  document.body.append(el);
  if (when === 'during') configure(el); // connected, not yet rendered (Lit renders in a microtask)
  if (when === 'after') {
    await el.updateComplete;
    configure(el);
  }
  void how;
  return el;
}

describe('configuration honoured whenever it arrives', () => {
  let sb: Sandbox;
  let placed: HTMLElement[] = [];
  before(async () => {
    sb = await createSandbox({ seed: 5 });
  });
  after(async () => {
    await sb.dispose();
  });
  afterEach(() => {
    for (const el of placed) el.remove();
    placed = [];
  });

  for (const { tag, extra } of READERS) {
    for (const how of HOW) {
      for (const when of WHEN) {
        it(`<${tag}> base-url as ${how}, set ${when} connection`, async () => {
          const log: { url: string; lastEventId: string | null; at: number }[] = [];
          // A hub of its own per case, so no source is shared with an earlier case.
          const hub = createHub({ fetch: recordingFetch(log) });
          const el = await place(tag, how, when, (e) => {
            if (how === 'attribute') e.setAttribute('base-url', sb.url);
            else e.baseUrl = sb.url;
          }, (e) => {
            e.hub = hub;
            for (const [k, v] of Object.entries(extra ?? {})) e.setAttribute(k, v);
          });
          placed.push(el);
          await waitUntil(() => log.some((r) => r.url.startsWith(sb.url)), `<${tag}> never asked ${sb.url}; asked: ${log.map((r) => r.url).join(', ') || 'nothing'}`, { timeout: 6000 });
          // …and keeps reading it: nothing it asks for once settled goes elsewhere.
          await el.updateComplete;
          const since = log.length;
          await new Promise((r) => setTimeout(r, 250));
          expect(log.slice(since).filter((r) => !r.url.startsWith(sb.url)).map((r) => r.url)).to.deep.equal([]);
        });
      }
    }
  }

  for (const how of HOW) {
    for (const when of WHEN) {
      it(`<json-view> text as ${how}, set ${when} connection`, async () => {
        const el = await place('json-view', how, when, (e) => {
          if (how === 'attribute') e.setAttribute('text', '{"honoured": 42}');
          else e.text = '{"honoured": 42}';
        });
        placed.push(el);
        await waitUntil(() => el.shadowRoot?.textContent?.includes('honoured'), 'json-view shows its text', { timeout: 3000 });
      });

      it(`<connection-status> show-server as ${how}, set ${when} connection`, async () => {
        const el = await place('connection-status', how, when, (e) => {
          if (how === 'attribute') e.setAttribute('show-server', '');
          else e.showServer = true;
        });
        placed.push(el);
        // The server shown is the page's origin (no base-url is configured on this page).
        await waitUntil(() => el.shadowRoot?.textContent?.includes(location.host), 'connection-status shows the server', { timeout: 3000 });
      });
    }
  }
});
