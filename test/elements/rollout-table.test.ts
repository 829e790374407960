import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/rollout-table/rollout-table.define.js';
import type { RolloutTable } from '../../src/elements/rollout-table/rollout-table.js';
import type { Attempt, Rollout } from '../../src/streams/agl.js';
import { createHub } from '../../src/streams/hub.js';
import { updatePageSettings } from '../../src/streams/settings-store.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';

const START = 1763900000000;
const sandboxes: Sandbox[] = [];

async function sandbox(options: Record<string, unknown> = {}): Promise<Sandbox> {
  const sb = await createSandbox({ seed: 42, paused: true, startTime: START, ...options });
  sandboxes.push(sb);
  return sb;
}

const root = (el: RolloutTable) => el.shadowRoot!;
const rows = (el: RolloutTable) => [...root(el).querySelectorAll<HTMLTableRowElement>('tbody tr[part="row"]')];
const nestedRows = (el: RolloutTable) => [...root(el).querySelectorAll<HTMLTableRowElement>('tbody tr[part="nested-row"]')];
const cell = (row: HTMLTableRowElement, col: string) => row.querySelector<HTMLTableCellElement>(`td.col-${col}`)!;
const text = (row: HTMLTableRowElement, col: string) => cell(row, col).textContent!.replace(/\s+/g, ' ').trim();
const ids = (el: RolloutTable) => rows(el).map((r) => r.dataset.rollout!);
const header = (el: RolloutTable, col: string) => root(el).querySelector<HTMLButtonElement>(`button.sort[data-column="${col}"]`)!;

async function wire(url: string): Promise<Rollout[]> {
  const j = await (await fetch(url)).json();
  return Array.isArray(j) ? j : j.items;
}

async function loaded(el: RolloutTable) {
  await waitUntil(() => rows(el).length > 0 || root(el).querySelector('[part="empty"], [part="error"]'), 'table did not load', { timeout: 8000 });
  await el.updateComplete;
}

afterEach(async () => {
  document.documentElement.style.colorScheme = '';
  localStorage.removeItem('telltale.settings');
  updatePageSettings({ baseUrl: '', autoRefreshMs: 0, theme: 'system' });
  await Promise.all(sandboxes.splice(0).map((s) => s.dispose()));
});

describe('<rollout-table> against the reference server', () => {
  it('renders the envelope shape with every column formatted (fixed clock)', async () => {
    const sb = await sandbox();
    const hub = createHub();
    const el = await fixture<RolloutTable>(html`<rollout-table .hub=${hub} base-url=${sb.url} .now=${START}></rollout-table>`);
    await loaded(el);
    const data = await wire(`${sb.url}/v1/agl/rollouts?limit=-1`);
    expect(rows(el).length).to.equal(Math.min(100, data.length));
    expect(el.shapeInUse).to.equal('envelope');
    expect(root(el).querySelector('.shape')!.textContent).to.contain('/v1/agl envelope');
  });
});
