import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import '../../src/elements/rollout-table/rollout-table.define.js';
import type { RolloutTable } from '../../src/elements/rollout-table/rollout-table.js';
import type { Attempt, Rollout } from '../../src/streams/agl.js';
import { RolloutModel, attemptsUrl, durationOf, rolloutsUrl } from '../../src/elements/rollout-table/rollout-model.js';
import { sampleRollouts } from '../../src/elements/rollout-table/rollout-table.samples.js';
import { createHub } from '../../src/streams/hub.js';
import { updatePageSettings } from '../../src/streams/settings-store.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';

const START = 1763900000000;
/** The simulated clock after the step every test takes: rollouts queued, running, retried, done. */
const STEP = 120_000;
const NOW = START + STEP;
const sandboxes: Sandbox[] = [];

async function sandbox(options: Record<string, unknown> = {}, step = STEP): Promise<Sandbox> {
  const sb = await createSandbox({ seed: 42, paused: true, startTime: START, ...options });
  sandboxes.push(sb);
  if (step) await sb.step(step);
  return sb;
}

const root = (el: RolloutTable) => el.shadowRoot!;
const rows = (el: RolloutTable) => [...root(el).querySelectorAll<HTMLTableRowElement>('tbody tr[part="row"]')];
const nestedRows = (el: RolloutTable) => [...root(el).querySelectorAll<HTMLTableRowElement>('tbody tr.nested')];
const cell = (row: HTMLTableRowElement, col: string) => row.querySelector<HTMLTableCellElement>(`td.col-${col}`)!;
const text = (row: HTMLTableRowElement, col: string) => cell(row, col).textContent!.replace(/\s+/g, ' ').trim();
const ids = (el: RolloutTable) => rows(el).map((r) => r.dataset.rollout!);
const sortButton = (el: RolloutTable, col: string) => root(el).querySelector<HTMLButtonElement>(`button.sort[data-column="${col}"]`)!;
const q = <T extends Element = HTMLElement>(el: RolloutTable, sel: string) => root(el).querySelector<T>(sel);

async function wire(url: string): Promise<Rollout[]> {
  const j = await (await fetch(url)).json();
  return Array.isArray(j) ? j : j.items;
}

const twoFrames = async () => {
  for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(r));
};

async function settle(el: RolloutTable) {
  await waitUntil(() => rows(el).length > 0 || q(el, '[part="empty"], [part="error"]'), 'table did not load', { timeout: 8000 });
  await el.updateComplete;
}

async function table(sb: Sandbox, extra: { base?: string; shape?: string; pageSize?: number } = {}) {
  const el = await fixture<RolloutTable>(
    html`<rollout-table .hub=${createHub()} base-url=${extra.base ?? sb.url} shape=${extra.shape ?? 'auto'} page-size=${extra.pageSize ?? 100} .now=${NOW}></rollout-table>`,
  );
  await settle(el);
  return el;
}

// ── expected values, computed independently of the element's code ──
const pad = (n: number) => String(n).padStart(2, '0');
function expTime(sec: number): string {
  const d = new Date(sec * 1000);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
function expDur(sec: number): string {
  let s = Math.max(0, Math.floor(sec));
  const d = Math.floor(s / 86400);
  s %= 86400;
  const h = Math.floor(s / 3600);
  s %= 3600;
  const m = Math.floor(s / 60);
  s %= 60;
  const out = [d && `${d}d`, h && `${h}h`, m && `${m}m`].filter(Boolean) as string[];
  if (s || out.length === 0) out.push(`${s}s`);
  return out.join(' ');
}
function expInput(input: unknown): string {
  const j = JSON.stringify(input);
  return j.length > 35 ? `${j.slice(0, 34)}…` : j;
}
function expStatus(r: Rollout): string {
  return r.attempt && r.attempt.status !== r.status ? `${r.status} - ${r.attempt.status}` : r.status;
}
const startOf = (r: Rollout) => (r.attempt ? r.attempt.start_time : r.start_time);
const durOf = (r: Rollout, a: Attempt | undefined = r.attempt) =>
  a ? (a.end_time ?? NOW / 1000) - a.start_time : (r.end_time ?? NOW / 1000) - r.start_time;

afterEach(async () => {
  document.documentElement.style.colorScheme = '';
  localStorage.removeItem('telltale.settings');
  updatePageSettings({ baseUrl: '', autoRefreshMs: 0, theme: 'system' });
  await Promise.all(sandboxes.splice(0).map((s) => s.dispose()));
});

describe('<rollout-table> against the reference server', () => {
  // Only the rows in sight are rendered (see 'windowing' below): these tests check every row of
  // a page, so the page must fit in the viewport (two tables of 42 rows in one test).
  before(() => setViewport({ width: 800, height: 6000 }));
  after(() => setViewport({ width: 800, height: 600 }));

  it('formats every column of the /v1/agl envelope as the seed says (fixed clock)', async () => {
    const sb = await sandbox();
    const el = await table(sb);
    const data = await wire(`${sb.url}/v1/agl/rollouts?limit=-1`);
    expect(data.length).to.be.greaterThan(20);
    expect(el.shapeInUse).to.equal('envelope');
    expect(q(el, '.shape')!.textContent).to.contain('/v1/agl envelope');
    const byId = new Map(data.map((r) => [r.rollout_id, r]));
    expect(rows(el).length).to.equal(data.length);
    let sawQueued = false;
    let sawRunning = false;
    for (const row of rows(el)) {
      const r = byId.get(row.dataset.rollout!)!;
      const a = r.attempt;
      expect(text(row, 'rollout')).to.equal(r.rollout_id);
      expect(text(row, 'attempt')).to.equal(a ? a.attempt_id : 'N/A');
      expect(text(row, 'input')).to.equal(expInput(r.input));
      expect(text(row, 'input').length).to.be.at.most(35);
      expect(text(row, 'status')).to.equal(expStatus(r));
      expect(text(row, 'resources')).to.equal(r.resources_id ?? 'N/A');
      expect(text(row, 'mode')).to.equal(r.mode ?? 'N/A');
      expect(text(row, 'start')).to.equal(expTime(startOf(r)));
      expect(text(row, 'start')).to.match(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(text(row, 'duration')).to.equal(expDur(durOf(r)));
      expect(text(row, 'heartbeat')).to.equal(a?.last_heartbeat_time != null ? `${expDur(NOW / 1000 - a.last_heartbeat_time)} ago` : 'N/A');
      expect(text(row, 'worker')).to.equal(a?.worker_id ?? 'N/A');
      if (!a) sawQueued = true;
      if (a && a.end_time == null) sawRunning = true;
    }
    // Never-attempted rollouts (no `attempt` key on the wire) are shown, with N/A.
    expect(sawQueued, 'a queuing rollout without attempt').to.equal(true);
    expect(sawRunning, 'a running attempt').to.equal(true);
    // Default order: start time, newest first.
    const starts = rows(el).map((row) => startOf(byId.get(row.dataset.rollout!)!));
    expect(starts).to.deep.equal([...starts].sort((x, y) => y - x));
    expect(q(el, 'th.col-start')!.getAttribute('aria-sort')).to.equal('descending');
  });

  it('shows the full input on hover and focus', async () => {
    const sb = await sandbox();
    const el = await table(sb);
    const data = await wire(`${sb.url}/v1/agl/rollouts?limit=-1`);
    const row = rows(el)[0];
    const input = cell(row, 'input').querySelector<HTMLElement>('.input')!;
    input.focus();
    await el.updateComplete;
    const tip = q(el, '#input-tip')!;
    expect(tip.hidden).to.equal(false);
    expect(JSON.parse(tip.textContent!)).to.deep.equal(data.find((r) => r.rollout_id === row.dataset.rollout)!.input);
    input.blur();
    await el.updateComplete;
    expect(tip.hidden).to.equal(true);
    input.dispatchEvent(new MouseEvent('mouseenter'));
    await el.updateComplete;
    expect(tip.hidden).to.equal(false);
  });

  it('reads the seed’s bare array, pinned or detected, with the same rows', async () => {
    const sb = await sandbox();
    const seed = await wire(`${sb.url}/agl-seed/rollouts`);
    const pinned = await table(sb, { base: `${sb.url}/agl-seed`, shape: 'array' });
    expect(pinned.shapeInUse).to.equal('array');
    expect(rows(pinned).length).to.equal(seed.length);
    const auto = await table(sb, { base: `${sb.url}/agl-seed`, shape: 'auto' });
    await waitUntil(() => auto.shapeInUse === 'array', 'auto detected the array shape');
    expect(q(auto, '.shape')!.textContent).to.contain('seed array');
    expect(ids(auto)).to.deep.equal(ids(pinned));
  });

  it('never reads one shape as the other silently: a pinned shape that does not match is an error', async () => {
    const sb = await sandbox();
    // {base}/rollouts under /v1/agl answers with an envelope, but we said "array".
    const el = await table(sb, { base: `${sb.url}/v1/agl`, shape: 'array' });
    const err = q(el, '[part="error"]')!;
    expect(err, 'error state').to.exist;
    expect(err.textContent).to.contain('bare array');
    expect(err.textContent).to.contain('envelope');
    expect(rows(el).length).to.equal(0);
  });

  it('applies the status rule: rollout status, "rollout - attempt" when they differ, attempt status in nested rows', async () => {
    const base = { input: { q: 1 }, start_time: NOW / 1000 - 60, end_time: null, mode: 'train' as const, resources_id: 'rs-1', config: { timeout_seconds: null, unresponsive_seconds: null, max_attempts: 3, retry_condition: [] }, metadata: null } satisfies Omit<Rollout, 'rollout_id' | 'status'>;
    const att = (rid: string, seq: number, status: Attempt['status']): Attempt => ({ rollout_id: rid, attempt_id: `at-${rid}-${seq}`, sequence_id: seq, start_time: NOW / 1000 - 30, end_time: null, status, worker_id: 'w-1', last_heartbeat_time: NOW / 1000 - 5, metadata: null });
    const rollouts: Rollout[] = [
      { ...base, rollout_id: 'ro-same', status: 'running', attempt: att('ro-same', 1, 'running') },
      { ...base, rollout_id: 'ro-diff', status: 'running', attempt: att('ro-diff', 2, 'unresponsive') },
      { ...base, rollout_id: 'ro-none', status: 'queuing' },
    ];
    const attempts = { 'ro-diff': [att('ro-diff', 1, 'failed'), att('ro-diff', 2, 'unresponsive')] };
    const el = await fixture<RolloutTable>(html`<rollout-table .rollouts=${rollouts} .attempts=${attempts} .now=${NOW}></rollout-table>`);
    const byId = Object.fromEntries(rows(el).map((r) => [r.dataset.rollout!, r]));
    expect(text(byId['ro-same'], 'status')).to.equal('running');
    expect(text(byId['ro-diff'], 'status')).to.equal('running - unresponsive');
    expect(text(byId['ro-none'], 'status')).to.equal('queuing');
    byId['ro-diff'].querySelector<HTMLButtonElement>('.expander')!.click();
    await el.updateComplete;
    expect(nestedRows(el).map((r) => text(r, 'status'))).to.deep.equal(['failed', 'unresponsive']);
  });

  it('sorts by every column, both directions, missing values last', async () => {
    const sb = await sandbox();
    const el = await table(sb);
    const data = await wire(`${sb.url}/v1/agl/rollouts?limit=-1`);
    const byId = new Map(data.map((r) => [r.rollout_id, r]));
    const coll = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
    const key: Record<string, (r: Rollout) => string | number | null> = {
      rollout: (r) => r.rollout_id,
      attempt: (r) => r.attempt?.attempt_id ?? null,
      input: (r) => JSON.stringify(r.input),
      status: (r) => expStatus(r),
      resources: (r) => r.resources_id,
      mode: (r) => r.mode,
      start: (r) => startOf(r),
      duration: (r) => durOf(r),
      // Like Start Time, by the moment: ascending = the oldest heartbeat first.
      heartbeat: (r) => r.attempt?.last_heartbeat_time ?? null,
      worker: (r) => r.attempt?.worker_id ?? null,
    };
    // Ids by code unit, case-insensitively; names (statuses, modes, workers) in natural order.
    const idCols = new Set(['rollout', 'attempt', 'resources']);
    const cmpFor = (col: string) => (x: string | number, y: string | number) =>
      typeof x === 'number'
        ? x - (y as number)
        : idCols.has(col)
          ? (x.toLowerCase() < (y as string).toLowerCase() ? -1 : x.toLowerCase() > (y as string).toLowerCase() ? 1 : 0)
          : coll.compare(x, y as string);
    for (const col of Object.keys(key)) {
      for (const dir of ['asc', 'desc'] as const) {
        sortButton(el, col).click();
        await el.updateComplete;
        if (q(el, `th.col-${col}`)!.getAttribute('aria-sort') !== (dir === 'asc' ? 'ascending' : 'descending')) {
          sortButton(el, col).click();
          await el.updateComplete;
        }
        expect(q(el, `th.col-${col}`)!.getAttribute('aria-sort')).to.equal(dir === 'asc' ? 'ascending' : 'descending');
        const vals = ids(el).map((id) => key[col](byId.get(id)!));
        const present = vals.filter((v) => v !== null) as (string | number)[];
        // Missing values (N/A) all at the end, in both directions.
        expect(vals.slice(present.length).every((v) => v === null), `${col} ${dir}: N/A last`).to.equal(true);
        const cmp = cmpFor(col);
        for (let i = 1; i < present.length; i++) {
          const c = cmp(present[i - 1], present[i]);
          expect(dir === 'asc' ? c <= 0 : c >= 0, `${col} ${dir} at ${i}: ${present[i - 1]} then ${present[i]}`).to.equal(true);
        }
        // The shown text agrees with the order (duration and heartbeat are formatted).
        if (col === 'duration') expect(text(rows(el)[0], 'duration')).to.equal(expDur(durOf(byId.get(ids(el)[0])!)));
      }
    }
  });

  it('filters by status and mode, searches the id (debounced) and pages — together', async () => {
    const sb = await sandbox();
    const el = await table(sb, { pageSize: 5 });
    const data = await wire(`${sb.url}/v1/agl/rollouts?limit=-1`);
    // Status: succeeded; mode: train; search: a character common in ids.
    const menu = (which: string) => q<HTMLDetailsElement>(el, `details[data-filter="${which}"]`)!;
    const check = async (which: string, value: string) => {
      menu(which).open = true;
      const box = [...menu(which).querySelectorAll<HTMLLabelElement>('label.option')].find((l) => l.textContent!.includes(value === 'none' ? 'no mode' : value))!.querySelector('input')!;
      box.click();
      await el.updateComplete;
    };
    await check('status', 'succeeded');
    await check('mode', 'train');
    const search = q<HTMLInputElement>(el, 'input[type="search"]')!;
    search.focus();
    const needle = data.filter((r) => r.status === 'succeeded' && r.mode === 'train')[0].rollout_id.slice(3, 4);
    await sendKeys({ type: needle.toUpperCase() });
    const expected = data
      .filter((r) => r.status === 'succeeded' && r.mode === 'train' && r.rollout_id.toLowerCase().includes(needle))
      .sort((x, y) => startOf(y) - startOf(x) || 0)
      .map((r) => r.rollout_id);
    expect(expected.length, 'enough rows for two pages').to.be.greaterThan(5);
    // Debounced: the keystroke has not filtered yet.
    expect(rows(el).length).to.equal(5);
    await waitUntil(() => q(el, '.range')!.textContent!.includes(`of ${expected.length}`), 'search applied');
    expect(ids(el)).to.deep.equal(expected.slice(0, 5));
    expect(q(el, '.range')!.textContent).to.contain(`1–5 of ${expected.length}`);
    q<HTMLButtonElement>(el, 'button[aria-label="Next page"]')!.click();
    await el.updateComplete;
    expect(ids(el)).to.deep.equal(expected.slice(5, 10));
    expect(q(el, '.page-label')!.textContent).to.contain(`Page 2 of ${Math.ceil(expected.length / 5)}`);
    // Page size is selectable.
    const size = q<HTMLSelectElement>(el, '.page-size select')!;
    size.value = '25';
    size.dispatchEvent(new Event('change'));
    await el.updateComplete;
    expect(ids(el)).to.deep.equal(expected.slice(0, 25));
    // Filters that hide everything: the empty state offers Clear filters, which brings all back.
    search.value = 'zzzz-no-such-rollout';
    search.dispatchEvent(new Event('input'));
    await waitUntil(() => q(el, '[part="empty"]'), 'empty state');
    expect(q(el, '[part="empty"]')!.textContent).to.contain('No rollouts match');
    [...q(el, '[part="empty"]')!.querySelectorAll('button')].find((b) => b.textContent!.includes('Clear filters'))!.click();
    await el.updateComplete;
    expect(q(el, '.range')!.textContent).to.contain(`of ${data.length}`);
  });

  it('an attempts load cut off by leaving the page starts again on return (no endless Loading)', async () => {
    const sb = await sandbox();
    const el = await table(sb);
    const data = await wire(`${sb.url}/v1/agl/rollouts?limit=-1`);
    const a = data.find((r) => (r.attempt?.sequence_id ?? 0) > 1)!;
    rows(el).find((r) => r.dataset.rollout === a.rollout_id)!.querySelector<HTMLButtonElement>('button.expander')!.click();
    // Moved in the page while its request is in flight (e.g. a portal re-parents it): the
    // request is aborted on disconnect.
    const parent = el.parentElement!;
    el.remove();
    parent.append(el);
    await waitUntil(() => nestedRows(el).some((r) => r.dataset.rollout === a.rollout_id && r.dataset.attempt), 'attempts shown after reconnecting', { timeout: 5000 });
    expect(root(el).querySelector('tr.nested-state [role="status"]'), 'no Loading row left').to.equal(null);
  });

  it('expands retried rollouts lazily, with exactly one request per rollout, by keyboard too', async () => {
    const sb = await sandbox();
    const el = await table(sb);
    const data = await wire(`${sb.url}/v1/agl/rollouts?limit=-1`);
    const retried = data.filter((r) => (r.attempt?.sequence_id ?? 0) > 1);
    expect(retried.length).to.be.at.least(2);
    // Only rollouts with sequence_id > 1 have an expander.
    expect(root(el).querySelectorAll('button.expander').length).to.equal(retried.length);
    const count = async () => (await sb.stats()).requests['GET /v1/agl/rollouts'] ?? 0;
    const before = await count();
    const [a, b] = retried;
    const expander = (id: string) => rows(el).find((r) => r.dataset.rollout === id)!.querySelector<HTMLButtonElement>('button.expander')!;
    expander(a.rollout_id).focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(expander(a.rollout_id).getAttribute('aria-expanded')).to.equal('true');
    await waitUntil(() => nestedRows(el).length > 0, 'attempts shown');
    expect((await count()) - before, 'one request for the first expansion').to.equal(1);
    const attempts = (await wire(`${sb.url}/v1/agl/rollouts/${encodeURIComponent(a.rollout_id)}/attempts?limit=-1`)) as unknown as Attempt[];
    expect(nestedRows(el).map((r) => r.dataset.attempt)).to.deep.equal(attempts.map((x) => x.attempt_id));
    expect(nestedRows(el).map((r) => text(r, 'rollout'))).to.deep.equal(attempts.map((x) => `#${x.sequence_id}`));
    expect(nestedRows(el).map((r) => text(r, 'duration'))).to.deep.equal(attempts.map((x) => expDur(durOf(a, x))));
    // Collapse and expand again: no new request.
    await sendKeys({ press: 'Space' });
    await el.updateComplete;
    expect(nestedRows(el).length).to.equal(0);
    expander(a.rollout_id).click();
    await el.updateComplete;
    expect(nestedRows(el).length).to.equal(attempts.length);
    expander(b.rollout_id).click();
    await waitUntil(() => nestedRows(el).some((r) => r.dataset.rollout === b.rollout_id), 'second rollout expanded');
    // The test's own wire() call above made one request too.
    expect((await count()) - before).to.equal(3);
  });

  it('shows loading and error inside the expanded row, and Retry loads it', async () => {
    const sb = await sandbox();
    const el = await table(sb);
    const a = (await wire(`${sb.url}/v1/agl/rollouts?limit=-1`)).find((r) => (r.attempt?.sequence_id ?? 0) > 1)!;
    await sb.faults({ mode: 'status', status: 404, streams: ['agl'] });
    rows(el).find((r) => r.dataset.rollout === a.rollout_id)!.querySelector<HTMLButtonElement>('button.expander')!.click();
    await el.updateComplete;
    expect(q(el, 'tr.nested-state')!.textContent).to.contain('Loading attempts');
    await waitUntil(() => q(el, 'tr.error-row'), 'error inside the row');
    expect(q(el, 'tr.error-row')!.textContent).to.contain('404');
    await sb.clearFaults();
    q<HTMLButtonElement>(el, 'tr.error-row button')!.click();
    await waitUntil(() => nestedRows(el).length === a.attempt!.sequence_id, 'attempts after retry');
  });

  it('auto-refresh keeps page, sort, filters, search, expanded rows and scroll, updating rows in place', async () => {
    const sb = await sandbox();
    updatePageSettings({ autoRefreshMs: 500 });
    const el = await fixture<RolloutTable>(
      html`<rollout-table style="--rollout-table-max-height: 200px" .hub=${createHub()} base-url=${sb.url} page-size="5"></rollout-table>`,
    );
    await settle(el);
    const data = await wire(`${sb.url}/v1/agl/rollouts?limit=-1`);
    // Start time ascending: rollouts that arrive during the refresh sort after these pages.
    sortButton(el, 'start').click();
    await el.updateComplete;
    if (q(el, 'th.col-start')!.getAttribute('aria-sort') !== 'ascending') {
      sortButton(el, 'start').click();
      await el.updateComplete;
    }
    const menu = q<HTMLDetailsElement>(el, 'details[data-filter="mode"]')!;
    menu.open = true;
    [...menu.querySelectorAll('label.option')].find((l) => l.textContent!.includes('train'))!.querySelector('input')!.click();
    const search = q<HTMLInputElement>(el, 'input[type="search"]')!;
    search.value = '-';
    search.dispatchEvent(new Event('input'));
    await new Promise((r) => setTimeout(r, 400)); // past the search debounce
    await waitUntil(() => q(el, '.range')!.textContent!.includes('(filtered'), 'filtered');
    q<HTMLButtonElement>(el, 'button[aria-label="Next page"]')!.click();
    await el.updateComplete;
    await twoFrames(); // the overscan rows follow the rows in sight
    const shown = ids(el);
    const retried = rows(el).find((r) => r.querySelector('button.expander'));
    if (retried) {
      retried.querySelector<HTMLButtonElement>('button.expander')!.click();
      await waitUntil(() => nestedRows(el).length > 0);
    }
    const wrap = q(el, '.wrap')!;
    wrap.scrollTop = 40;
    const rowEl = rows(el)[0];
    const stats0 = (await sb.stats()).requests['GET /v1/agl/rollouts'];
    await sb.step(10_000);
    await waitUntil(async () => (await sb.stats()).requests['GET /v1/agl/rollouts'] >= stats0 + 2, 'refreshed twice', { timeout: 5000 });
    await el.updateComplete;
    expect(q(el, 'th.col-start')!.getAttribute('aria-sort')).to.equal('ascending');
    expect(q(el, 'details[data-filter="mode"] .count')!.textContent).to.equal('1');
    expect(search.value).to.equal('-');
    expect(q(el, '.page-label')!.textContent).to.contain('Page 2');
    expect(ids(el)).to.deep.equal(shown);
    expect(rows(el)[0], 'the same row element, updated in place').to.equal(rowEl);
    expect(wrap.scrollTop).to.equal(40);
    if (retried) expect(nestedRows(el).length).to.be.greaterThan(0);
    expect(data.length).to.be.greaterThan(0);
  });

  it('shows the empty state with an illustration and Refresh', async () => {
    const sb = await sandbox({ rates: { rollouts: 0 } }, 0);
    const el = await table(sb);
    const empty = q(el, '[part="empty"]')!;
    expect(empty.textContent).to.contain('No rollouts yet');
    expect(empty.querySelector('svg.illustration')).to.exist;
    expect(el.matches(':state(empty)')).to.equal(true);
    await expect(el).to.be.accessible();
  });

  it('shows HTTP errors with status, message and Retry, and recovers', async () => {
    const sb = await sandbox();
    await sb.faults({ mode: 'status', status: 404, streams: ['agl'] });
    const el = await table(sb, { shape: 'envelope' });
    const err = q(el, '[part="error"]')!;
    expect(err.getAttribute('role')).to.equal('alert');
    expect(err.textContent).to.contain('HTTP 404');
    expect(el.matches(':state(error)')).to.equal(true);
    await expect(el).to.be.accessible();
    await sb.clearFaults();
    [...err.querySelectorAll('button')].find((b) => b.textContent!.includes('Retry'))!.click();
    await waitUntil(() => rows(el).length > 0, 'loaded after Retry');
  });

  it('shows a 500 as an error while retrying, and the data once the server recovers', async () => {
    const sb = await sandbox();
    await sb.faults({ mode: 'status', status: 500, streams: ['agl'] });
    const el = await table(sb, { shape: 'envelope' });
    expect(q(el, '[part="error"]')!.textContent).to.contain('HTTP 500');
    await sb.clearFaults();
    // The hub retries by itself; Retry only makes it sooner.
    q<HTMLButtonElement>(el, '[part="error"] button')?.click();
    await waitUntil(() => rows(el).length > 0, 'loaded after the fault cleared', { timeout: 10000 });
  });

  it('explains an answer that is not JSON', async () => {
    const sb = await sandbox();
    await sb.faults({ mode: 'contentType', value: 'text/html', streams: ['agl'] });
    const el = await table(sb, { shape: 'envelope' });
    expect(q(el, '[part="error"]')!.textContent).to.contain('did not answer with JSON');
    expect(q(el, '[part="error"]')!.textContent).to.contain('text/html');
  });

  it('explains a cross-origin refusal', async () => {
    const sb = await sandbox({ cors: false });
    const el = await table(sb, { shape: 'envelope' });
    await waitUntil(() => q(el, '[part="error"]'), 'error', { timeout: 8000 });
    // The sandbox is the reference server's: its flag is --cors (test/elements/cors-hint.test.ts
    // covers an Agent-lightning store's --cors-origin).
    await waitUntil(() => q(el, '[part="error"]')!.textContent!.includes('start it with --cors'), 'names --cors', { timeout: 8000 });
    const t = q(el, '[part="error"]')!.textContent!;
    expect(t).to.contain('cross-origin');
    expect(t).not.to.contain('--cors-origin');
  });

  it('keeps the data and says it is stale when a refresh fails', async () => {
    const sb = await sandbox();
    const el = await table(sb, { shape: 'envelope' });
    const n = rows(el).length;
    await sb.faults({ mode: 'status', status: 503, streams: ['agl'] });
    el.refresh();
    await waitUntil(() => q(el, '[part="stale"]'), 'stale banner');
    expect(rows(el).length).to.equal(n);
    expect(el.matches(':state(stale)')).to.equal(true);
    expect(q(el, '[part="stale"]')!.textContent).to.contain('503');
  });

  it('fires typed events with the wire JSON as received, and shows it in its dialog', async () => {
    const sb = await sandbox();
    const el = await table(sb);
    const data = await wire(`${sb.url}/v1/agl/rollouts?limit=-1`);
    const row = rows(el)[0];
    const r = data.find((x) => x.rollout_id === row.dataset.rollout)!;
    setTimeout(() => row.querySelector<HTMLButtonElement>('button[data-action="json"]')!.click());
    const ev = await oneEvent(el, 'rollout-view-json');
    expect(ev.detail.rollout).to.deep.equal(r);
    expect(ev.detail.attempt).to.deep.equal(r.attempt ?? null);
    expect(Object.keys(ev.detail.rollout)).to.include('rollout_id');
    await el.updateComplete;
    const dialog = q<HTMLDialogElement>(el, 'dialog')!;
    expect(dialog.open).to.equal(true);
    // The JSON viewer loads when a dialog first opens.
    await customElements.whenDefined('json-view');
    const jv = dialog.querySelector('json-view')!;
    await jv.updateComplete;
    expect(JSON.parse(jv.shadowRoot!.querySelector('pre')!.textContent!)).to.deep.equal(r);
    dialog.close();
    setTimeout(() => row.querySelector<HTMLButtonElement>('button[data-action="traces"]')!.click());
    const tr = await oneEvent(el, 'rollout-view-traces');
    expect(tr.detail.rollout.rollout_id).to.equal(r.rollout_id);
    // A listener that handles the JSON itself cancels the event: no dialog.
    el.addEventListener('rollout-view-json', (e) => e.preventDefault(), { once: true });
    row.querySelector<HTMLButtonElement>('button[data-action="json"]')!.click();
    await el.updateComplete;
    expect(dialog.open).to.equal(false);
  });

  it('URI-encodes rollout ids in the attempts path, in both shapes', () => {
    const odd = 'ro-a/b?c#d %';
    expect(attemptsUrl('http://x', 'envelope', odd)).to.equal('http://x/v1/agl/rollouts/ro-a%2Fb%3Fc%23d%20%25/attempts?limit=-1');
    expect(attemptsUrl('http://x/agl-seed', 'array', odd)).to.equal('http://x/agl-seed/rollouts/ro-a%2Fb%3Fc%23d%20%25/attempts');
    expect(rolloutsUrl('http://x/v1/agl', 'envelope')).to.equal('http://x/v1/agl/rollouts?limit=-1');
  });

  it('orders, filters and searches 20,000 rollouts as plain comparisons do, prepared in idle steps or on demand', () => {
    const { rollouts } = sampleRollouts(20_000, NOW / 1000);
    // Ids that differ only in case (a tie), and resources missing on some rows.
    rollouts[5].rollout_id = rollouts[6].rollout_id.toUpperCase();
    for (let i = 0; i < rollouts.length; i += 97) rollouts[i].resources_id = null;
    const lazy = new RolloutModel(rollouts, NOW);
    const eager = new RolloutModel(rollouts, NOW);
    while (!eager.prepareStep());
    expect(eager.ready).to.equal(true);
    const text: Record<string, (r: Rollout) => string | null> = {
      rollout: (r) => r.rollout_id.toLowerCase(),
      input: (r) => JSON.stringify(r.input).toLowerCase(),
      resources: (r) => r.resources_id?.toLowerCase() ?? null,
    };
    for (const [col, key] of Object.entries(text)) {
      const present = rollouts.map((r, i) => [key(r), i] as const).filter(([k]) => k !== null) as [string, number][];
      const asc = [...present].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
      const desc = [...present].sort((a, b) => (a[0] > b[0] ? -1 : a[0] < b[0] ? 1 : a[1] - b[1]));
      const missing = rollouts.map((r, i) => (key(r) === null ? i : -1)).filter((i) => i >= 0);
      for (const m of [lazy, eager]) {
        expect([...m.order({ column: col as 'rollout', dir: 'asc' })], `${col} asc`).to.deep.equal([...asc.map((x) => x[1]), ...missing]);
        expect([...m.order({ column: col as 'rollout', dir: 'desc' })], `${col} desc`).to.deep.equal([...desc.map((x) => x[1]), ...missing]);
      }
    }
    const order = eager.order({ column: 'duration', dir: 'desc' });
    const f = (search: string) => ({ statuses: new Set(['succeeded', 'running']), modes: new Set(['train']), search });
    for (const search of ['a', 'a1', 'a1f', '', 'b']) {
      const expected = [...order].filter((i) => ['succeeded', 'running'].includes(rollouts[i].status) && rollouts[i].mode === 'train' && rollouts[i].rollout_id.toLowerCase().includes(search));
      expect([...eager.filter(order, f(search.toUpperCase()))], `search ${search}`).to.deep.equal(expected);
    }
    // The search alone (one pass over all ids joined), typing on and back, and an id holding the
    // joining character: matches never span two ids.
    rollouts[7].rollout_id = 'odd\u0000id';
    const ids = new RolloutModel(rollouts, NOW);
    const none = { statuses: new Set<string>(), modes: new Set<string>() };
    const idOrder = ids.order({ column: 'start', dir: 'desc' });
    for (const search of ['a', 'ab', 'ab1', 'a', 'ro-', '\u0000', 'odd\u0000', 'd\u0000i', '-', rollouts[9].rollout_id.slice(-5)]) {
      const expected = [...idOrder].filter((i) => rollouts[i].rollout_id.toLowerCase().includes(search));
      expect([...ids.filter(idOrder, { ...none, search })], `search ${JSON.stringify(search)}`).to.deep.equal(expected);
      expect(ids.matchCount({ ...none, search })).to.equal(expected.length);
    }
  });

  it('shows the rollouts it can read and lists the ones it cannot (index, id, reason, raw JSON)', async () => {
    const sb = await sandbox();
    const listUrl = `${sb.url}/v1/agl/rollouts?limit=-1`;
    const env = await (await fetch(listUrl)).json();
    const n = env.items.length;
    expect(n).to.be.greaterThan(5);
    const badId = env.items[2].rollout_id;
    env.items[2] = { ...env.items[2], mode: '<b>42</b>' };
    env.items[4] = null;
    const good = env.items.filter((_: unknown, i: number) => i !== 2 && i !== 4).map((r: Rollout) => r.rollout_id);
    // The real server's answer with two rows broken on the way; everything else passes through.
    const hub = createHub({
      fetch: (input: string, init?: RequestInit) =>
        input === listUrl ? Promise.resolve(new Response(JSON.stringify(env), { headers: { 'content-type': 'application/json' } })) : fetch(input, init),
    });
    const el = await fixture<RolloutTable>(html`<rollout-table .hub=${hub} base-url=${sb.url} page-size="500" .now=${NOW}></rollout-table>`);
    await settle(el);
    expect(q(el, '[part="error"]'), 'not an error: the good rows are shown').to.equal(null);
    expect(ids(el).sort()).to.deep.equal([...good].sort());
    expect(el.matches(':state(skipped)')).to.equal(true);
    expect(el.skipped.map((x) => x.index)).to.deep.equal([2, 4]);
    const notice = q(el, '[part="skipped"]')!;
    expect(notice.getAttribute('role')).to.equal('status');
    expect(notice.textContent!.replace(/\s+/g, ' ')).to.contain('2 rollouts could not be read').and.contain(`the ${n - 2} others are shown`);
    const details = notice.querySelector('details')!;
    expect(details.open).to.equal(false);
    notice.querySelector<HTMLElement>('summary')!.click();
    await el.updateComplete;
    expect(details.open).to.equal(true);
    const items = [...notice.querySelectorAll('li')].map((li) => li.textContent!.replace(/\s+/g, ' ').trim());
    expect(items).to.have.length(2);
    expect(items[0]).to.contain(`#2 · ${badId}`).and.contain(`rollouts.items[2].mode: expected one of train, val, test, found the string "<b>42</b>"`);
    expect(items[1]).to.contain('#4').and.contain('rollouts.items[4]: expected an object, found null');
    expect(notice.querySelector('b'), 'wire text rendered as text').to.equal(null);
    // Its raw JSON, as received, in the built-in dialog.
    notice.querySelector<HTMLButtonElement>('li button.skipped-raw')!.click();
    await el.updateComplete;
    const dialog = q<HTMLDialogElement>(el, 'dialog')!;
    expect(dialog.open).to.equal(true);
    expect(dialog.querySelector('h2')!.textContent).to.contain(`Rollout #2 (${badId}), could not be read`);
    // The JSON viewer loads when a dialog first opens.
    await customElements.whenDefined('json-view');
    const jv = dialog.querySelector('json-view')!;
    await jv.updateComplete;
    expect(jv.shadowRoot!.textContent).to.contain('<b>42</b>');
    dialog.close();
    await expect(el).to.be.accessible();
    document.documentElement.style.colorScheme = 'dark';
    await expect(el).to.be.accessible();
    document.documentElement.style.colorScheme = '';
  });

  it('says so when no rollout of the answer can be read, and errors on an answer that is not a list', async () => {
    const sb = await sandbox();
    const listUrl = `${sb.url}/v1/agl/rollouts?limit=-1`;
    let body: unknown = { items: [null, { rollout_id: 'ro-x' }], limit: -1, offset: 0, total: 2 };
    const hub = createHub({
      fetch: (input: string, init?: RequestInit) =>
        input === listUrl ? Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })) : fetch(input, init),
    });
    const el = await fixture<RolloutTable>(html`<rollout-table .hub=${hub} base-url=${sb.url} .now=${NOW}></rollout-table>`);
    await settle(el);
    expect(rows(el)).to.have.length(0);
    expect(q(el, '[part="skipped"]')!.textContent!.replace(/\s+/g, ' ')).to.contain('2 rollouts could not be read').and.contain('nothing else in the list');
    expect(q(el, '[part="empty"]')!.textContent).to.contain('No rollout could be read').and.not.contain('No rollouts yet');
    expect(q(el, '[part="skipped"] li:nth-child(2)')!.textContent).to.contain('ro-x').and.contain('rollouts.items[1].start_time: expected a number');
    // The envelope itself wrong: an error, not a guess (and not an empty table).
    body = { items: [], limit: -1, offset: 0 };
    el.refresh();
    await waitUntil(() => q(el, '[part="stale"], [part="error"]'), 'no error for a wrong envelope', { timeout: 8000 });
    expect(root(el).textContent).to.contain('rollouts.total: expected a number');
  });

  it('is accessible in light and dark, loaded and expanded', async () => {
    const sb = await sandbox();
    const el = await table(sb);
    rows(el).find((r) => r.querySelector('button.expander'))!.querySelector<HTMLButtonElement>('button.expander')!.click();
    await waitUntil(() => nestedRows(el).length > 0);
    await expect(el).to.be.accessible();
    document.documentElement.style.colorScheme = 'dark';
    await expect(el).to.be.accessible();
  });
});

describe('<rollout-table> windowing: only the rows in sight are rendered', () => {
  const { rollouts, attempts } = sampleRollouts(250, NOW / 1000);
  const frames = async (n = 2) => {
    for (let i = 0; i < n; i++) await new Promise((r) => requestAnimationFrame(r));
  };
  const rowIndex = (r: Element) => Number(r.getAttribute('aria-rowindex'));

  before(() => setViewport({ width: 1280, height: 800 }));
  after(() => setViewport({ width: 800, height: 600 }));

  async function scrolled() {
    const el = await fixture<RolloutTable>(
      html`<rollout-table style="--rollout-table-max-height: 600px" .rollouts=${rollouts} .attempts=${attempts} .now=${NOW} page-size="100"></rollout-table>`,
    );
    await el.updateComplete;
    await frames();
    return { el, wrap: q(el, '.wrap')!, tbody: q(el, 'tbody')! };
  }

  it('renders fewer than 40 of the 100 rows, keeps the full scroll height, and scrolling reaches every row in order', async () => {
    const { el, wrap, tbody } = await scrolled();
    expect(rows(el).length, 'rows in the DOM').to.be.within(10, 39);
    expect(q(el, 'table')!.getAttribute('aria-rowcount')).to.equal('251');
    const h = rows(el)[0].getBoundingClientRect().height;
    expect(h).to.be.greaterThan(20);
    // The last row has no bottom border (1 px).
    expect(tbody.getBoundingClientRect().height, 'tbody height = 100 rows').to.be.closeTo(100 * h - 1, 2);
    const thead = q(el, 'thead')!.getBoundingClientRect().height;
    expect(wrap.scrollHeight, 'scroll height').to.be.closeTo(thead + 100 * h - 1, 2);
    expect(wrap.clientHeight).to.be.at.most(600);
    for (const gap of root(el).querySelectorAll('tbody tr.gap')) expect(gap.getAttribute('aria-hidden')).to.equal('true');

    // Scroll down a screenful at a time: every row of the page shows up, in order, once.
    const seen = new Map<number, string>();
    for (let top = 0; ; top += 500) {
      wrap.scrollTop = top;
      await frames();
      const rs = rows(el);
      expect(rs.length, `rows in the DOM at ${top}`).to.be.below(40);
      for (const r of rs) seen.set(rowIndex(r), r.dataset.rollout!);
      // The rows in sight are rendered: none of the scroller's visible area is a gap.
      const view = wrap.getBoundingClientRect();
      const first = rs[0].getBoundingClientRect();
      const last = rs[rs.length - 1].getBoundingClientRect();
      expect(first.top, `first rendered row at ${top}`).to.be.at.most(view.top + thead + 1);
      expect(last.bottom, `last rendered row at ${top}`).to.be.at.least(Math.min(view.bottom, tbody.getBoundingClientRect().bottom) - 1);
      if (top >= wrap.scrollHeight - wrap.clientHeight) break;
    }
    expect([...seen.keys()].sort((a, b) => a - b)).to.deep.equal(Array.from({ length: 100 }, (_, i) => i + 2));
    const ids = [...seen].sort((a, b) => a[0] - b[0]).map(([, id]) => id);
    expect(new Set(ids).size).to.equal(100);
    // Newest first (the default sort), checked against the wire data.
    const byId = new Map(rollouts.map((r) => [r.rollout_id, r]));
    for (let i = 1; i < ids.length; i++) expect(startOf(byId.get(ids[i - 1])!)).to.be.at.least(startOf(byId.get(ids[i])!));
    // At the bottom: the last row of the page is rendered and in sight.
    const lastRow = rows(el).at(-1)!;
    expect(rowIndex(lastRow)).to.equal(101);
    expect(lastRow.getBoundingClientRect().bottom).to.be.closeTo(wrap.getBoundingClientRect().bottom - 1, 2);
    // Another page at the same scroll position: its last rows.
    q<HTMLButtonElement>(el, 'button[aria-label="Next page"]')!.click();
    await el.updateComplete;
    await frames();
    expect(rowIndex(rows(el).at(-1)!)).to.equal(201);
    expect(rows(el).length).to.be.below(40);
    await expect(el).to.be.accessible();
  });

  it('a sort answers with the rows in sight in its first frame; the rows just out of sight follow a frame later', async () => {
    const { el, wrap } = await scrolled();
    const settled = rows(el).length;
    const view = () => wrap.getBoundingClientRect();
    const thead = q(el, 'thead')!.getBoundingClientRect().height;
    expect(rows(el).at(-1)!.getBoundingClientRect().top, 'overscan below the visible area').to.be.above(view().bottom);
    sortButton(el, 'duration').click();
    await el.updateComplete;
    // Before the next frame: every row in sight is there, in the new order, and nothing more.
    const lean = rows(el);
    expect(lean.length).to.be.below(settled);
    expect(lean[0].getBoundingClientRect().top).to.be.at.most(view().top + thead + 1);
    expect(lean.at(-1)!.getBoundingClientRect().bottom).to.be.at.least(view().bottom - 1);
    const byId = new Map(rollouts.map((r) => [r.rollout_id, r]));
    const dur = (tr: HTMLElement) => durationOf(byId.get(tr.dataset.rollout!)!, byId.get(tr.dataset.rollout!)!.attempt ?? null, NOW / 1000) ?? Infinity;
    for (let i = 1; i < lean.length; i++) expect(dur(lean[i])).to.be.at.least(dur(lean[i - 1]));
    await frames();
    expect(rows(el).length, 'the overscan is back').to.equal(settled);
    expect(rows(el).at(-1)!.getBoundingClientRect().top).to.be.above(view().bottom);
    for (let i = 1; i < rows(el).length; i++) expect(dur(rows(el)[i])).to.be.at.least(dur(rows(el)[i - 1]));
  });

  it('follows the page scrolling when the table has no height of its own', async () => {
    const el = await fixture<RolloutTable>(html`<rollout-table .rollouts=${rollouts} .attempts=${attempts} .now=${NOW} page-size="100"></rollout-table>`);
    await el.updateComplete;
    await frames();
    expect(rows(el).length).to.be.within(10, 39);
    expect(rowIndex(rows(el)[0])).to.equal(2);
    const tbody = q(el, 'tbody')!;
    const h = rows(el)[0].getBoundingClientRect().height;
    expect(tbody.getBoundingClientRect().height).to.be.closeTo(100 * h - 1, 2);
    // Scroll the document so that the middle of the page is in sight.
    window.scrollTo(0, window.scrollY + tbody.getBoundingClientRect().top + 50 * h);
    await frames();
    const shown = rows(el).map(rowIndex);
    expect(shown.length).to.be.below(40);
    expect(shown, 'the row at the top of the viewport').to.include(52);
    expect(shown[0]).to.be.above(30);
    window.scrollTo(0, document.documentElement.scrollHeight);
    await frames();
    expect(rowIndex(rows(el).at(-1)!)).to.equal(101);
    window.scrollTo(0, 0);
  });

  /** The deepest focused element, through shadow roots. */
  const deepActive = () => {
    let a: Element | null = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a;
  };
  const press = (key: string) => sendKeys({ press: key });
  const focusedRow = (el: RolloutTable) => {
    const a = root(el).activeElement;
    return a?.closest('tbody tr') as HTMLTableRowElement | null;
  };
  /** The focused row is fully inside the table's scroller (below its sticky header) and the viewport. */
  const fullyInView = (el: RolloutTable, tr: Element) => {
    const r = tr.getBoundingClientRect();
    const w = q(el, '.wrap')!.getBoundingClientRect();
    const head = q(el, 'thead')!.getBoundingClientRect().height;
    return r.top >= Math.max(0, w.top + head) - 1 && r.bottom <= Math.min(window.innerHeight, w.bottom) + 1;
  };

  it('is one Tab stop: the first row in ≤ 5 Tab presses from the heading, the pagination in ≤ 8 (issue 25)', async () => {
    const sb = await sandbox();
    // As on the dashboard's Rollouts page: a heading, then the table reading from a server (so with its Refresh button).
    const page = await fixture<HTMLElement>(html`<div>
      <h1 tabindex="-1">Rollouts</h1>
      <rollout-table .hub=${createHub()} base-url=${sb.url} page-size="25" .now=${NOW}></rollout-table>
    </div>`);
    const el = page.querySelector('rollout-table')!;
    await settle(el);
    page.querySelector('h1')!.focus();
    let presses = 0;
    while (!focusedRow(el) && presses < 40) {
      await press('Tab');
      presses++;
    }
    expect(presses, 'Tab presses from the heading to the first row').to.be.at.most(5);
    expect(Number(focusedRow(el)!.getAttribute('aria-rowindex')), 'the first row').to.equal(2);
    expect(deepActive(), 'the row itself holds the focus').to.equal(focusedRow(el));
    while (!deepActive()?.closest('nav.pagination') && presses < 400) {
      await press('Tab');
      presses++;
    }
    expect(presses, 'Tab presses from the heading to the pagination').to.be.at.most(8);
    // Back (Shift+Tab) lands on the same row again, not on another row's buttons.
    const key = rows(el)[0].dataset.rollout;
    await sendKeys({ down: 'Shift' });
    while (!focusedRow(el) && presses < 420) {
      await press('Tab');
      presses++;
    }
    await sendKeys({ up: 'Shift' });
    expect(focusedRow(el)!.dataset.rollout).to.equal(key);
  });

  it('arrows walk every row of the page; the focused row stays drawn and fully in view; Home, End, PageDown', async function () {
    this.timeout(120_000);
    const { el } = await scrolled();
    rows(el)[0].focus();
    let at = 2;
    for (let i = 0; i < 99; i++) {
      await press('ArrowDown');
      await el.updateComplete;
      const tr = focusedRow(el);
      expect(tr, `focus left the table after row ${at}`).to.be.ok;
      expect(Number(tr!.getAttribute('aria-rowindex')), `ArrowDown from row ${at}`).to.equal(at + 1);
      at++;
      expect(rows(el).length).to.be.below(45);
    }
    await waitUntil(() => fullyInView(el, focusedRow(el)!), 'the last row scrolled fully into view');
    await press('ArrowDown');
    expect(Number(focusedRow(el)!.getAttribute('aria-rowindex')), 'stays on the last row').to.equal(101);
    await press('Home');
    await waitUntil(() => Number(focusedRow(el)?.getAttribute('aria-rowindex')) === 2, 'Home: the first row');
    await waitUntil(() => fullyInView(el, focusedRow(el)!), 'the first row fully in view, below the sticky header');
    await press('PageDown');
    await waitUntil(() => Number(focusedRow(el)?.getAttribute('aria-rowindex')) > 6, 'PageDown: a screenful down');
    await press('End');
    await waitUntil(() => Number(focusedRow(el)?.getAttribute('aria-rowindex')) === 101, 'End: the last row');
    await waitUntil(() => fullyInView(el, focusedRow(el)!), 'the last row fully in view');
    // Only the row is a Tab stop: its buttons and input are reached with Arrow Right.
    expect(root(el).querySelectorAll('tbody [tabindex="0"]').length).to.equal(1);
    expect([...root(el).querySelectorAll('tbody button, tbody .input, thead button')].every((b) => b.getAttribute('tabindex') === '-1')).to.equal(true);
  });

  it('Left/Right reach a row’s actions, Enter expands; sorting, expanding and filtering keep focus on the same rollout', async () => {
    const { el } = await scrolled();
    const expandable = rows(el).find((r) => r.querySelector('button.expander'))!;
    const id = expandable.dataset.rollout!;
    expandable.focus();
    await press('ArrowRight');
    expect(deepActive()!.matches('button.expander')).to.equal(true);
    await press('ArrowRight');
    expect(deepActive()!.matches('.input')).to.equal(true);
    await press('ArrowRight');
    expect(deepActive()!.getAttribute('data-action')).to.equal('json');
    await press('ArrowRight');
    expect(deepActive()!.getAttribute('data-action')).to.equal('traces');
    await press('ArrowLeft');
    await press('ArrowLeft');
    await press('ArrowLeft');
    await press('ArrowLeft');
    expect(deepActive()).to.equal(focusedRow(el));
    // Enter on the row: expand; focus stays on it.
    await press('Enter');
    await waitUntil(() => nestedRows(el).some((r) => r.dataset.rollout === id), 'expanded by Enter');
    expect(focusedRow(el)!.dataset.rollout).to.equal(id);
    expect(deepActive()).to.equal(focusedRow(el));
    // Arrow Down enters its attempts, Arrow Up comes back.
    await press('ArrowDown');
    await waitUntil(() => focusedRow(el)?.classList.contains('nested'), 'on an attempt row');
    await press('ArrowUp');
    await waitUntil(() => focusedRow(el)?.dataset.rollout === id && !focusedRow(el)!.classList.contains('nested'), 'back on the rollout');
    // Sort by another column: the rows move under the focus, which follows the rollout (all of them on one page here).
    el.pageSize = 500;
    await el.updateComplete;
    await waitUntil(() => focusedRow(el)?.dataset.rollout === id, 'still on the rollout with every row on the page');
    sortButton(el, 'rollout').click();
    await el.updateComplete;
    await waitUntil(() => focusedRow(el)?.dataset.rollout === id, 'focus kept on the same rollout after sorting by id');
    sortButton(el, 'duration').click();
    await el.updateComplete;
    await waitUntil(() => focusedRow(el)?.dataset.rollout === id, 'focus kept on the same rollout after sorting', { timeout: 4000 });
    expect(deepActive()).to.equal(focusedRow(el));
    await waitUntil(() => fullyInView(el, focusedRow(el)!), 'and scrolled into view');
    // Filter by its status: it is still there, still focused.
    const status = focusedRow(el)!.querySelector('td.col-status .badge')!.textContent!.trim().split(' - ')[0];
    const option = [...root(el).querySelectorAll<HTMLLabelElement>('details[data-filter="status"] label.option')].find((l) => l.querySelector('.badge')!.textContent!.trim() === status)!;
    option.querySelector('input')!.click();
    await el.updateComplete;
    await waitUntil(() => focusedRow(el)?.dataset.rollout === id, 'focus kept on the same rollout after filtering');
    expect(deepActive()).to.equal(focusedRow(el));
    // Arrow Up from the first row reaches the header; Enter there goes to its sort buttons.
    await press('Home');
    await press('ArrowUp');
    await waitUntil(() => deepActive()?.closest('thead') != null, 'the header row');
    await press('Enter');
    expect(deepActive()!.matches('button.sort')).to.equal(true);
    await press('ArrowDown');
    await waitUntil(() => focusedRow(el) != null, 'back to the rows');
  });

  it('paging keeps the focus in the table: onto the last page, on the nearest enabled pager button, never <body>', async () => {
    const { el } = await scrolled();
    const next = q<HTMLButtonElement>(el, 'button[aria-label="Next page"]')!;
    next.focus();
    await press('Enter');
    await el.updateComplete;
    expect(q(el, '.page-label')!.textContent).to.contain('Page 2 of 3');
    expect(deepActive(), 'the button, still enabled').to.equal(next);
    await press('Enter');
    await el.updateComplete;
    expect(q(el, '.page-label')!.textContent).to.contain('Page 3 of 3');
    expect(next.disabled).to.equal(true);
    await waitUntil(() => deepActive() !== document.body, 'focus not dropped to <body>');
    expect(deepActive()!.getAttribute('aria-label')).to.equal('Previous page');
    q<HTMLButtonElement>(el, 'button[aria-label="First page"]')!.focus();
    await press('Enter');
    await el.updateComplete;
    await waitUntil(() => deepActive()?.getAttribute('aria-label') === 'Next page', 'on "Next page" once "First page" is disabled');
  });

  it('does not blink, pulse or shimmer under prefers-reduced-motion', async () => {
    const running = (el: RolloutTable) => [...root(el).querySelectorAll('*')].flatMap((e) => e.getAnimations()).filter((a) => a.playState === 'running');
    const sb = await sandbox();
    await emulateMedia({ reducedMotion: 'reduce' });
    try {
      // Loading (skeleton rows), refreshing, and an expansion whose attempts are loading.
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const hub = createHub({ fetch: async (input: string, init?: RequestInit) => (await gate, fetch(input, init)) });
      const el = await fixture<RolloutTable>(html`<rollout-table .hub=${hub} base-url=${sb.url} .now=${NOW}></rollout-table>`);
      await waitUntil(() => q(el, '.skeleton'), 'skeleton rows');
      expect(running(el), 'no shimmer while loading').to.deep.equal([]);
      release();
      await settle(el);
      const slow = new Promise<Attempt[]>(() => {});
      el.attemptsLoader = () => slow;
      rows(el).find((r) => r.querySelector('button.expander'))!.querySelector<HTMLButtonElement>('button.expander')!.click();
      await waitUntil(() => q(el, '.spinner'), 'attempts loading');
      el.refresh();
      await el.updateComplete;
      expect(running(el), 'no spinner, blink or pulse').to.deep.equal([]);
      // "Refreshing" comes with every auto-refresh: shown, not announced (not a live region).
      const refreshing = q(el, '.refreshing');
      if (refreshing) expect(refreshing.closest('[role="status"], [aria-live], [role="alert"]')).to.equal(null);
      await emulateMedia({ reducedMotion: 'no-preference' });
      await el.updateComplete;
      expect(running(el).length, 'the same page animates without the preference').to.be.above(0);
    } finally {
      await emulateMedia({ reducedMotion: 'no-preference' });
    }
  });
});

describe('<rollout-table> sorts what it shows, in an order a person reads as sorted', () => {
  const T0 = NOW / 1000;
  const mk = (id: string, start: number, end: number | null, hb: number | null = null): Rollout => ({
    rollout_id: id,
    input: { q: id },
    start_time: start,
    end_time: end,
    mode: 'train',
    resources_id: `rs-${id.slice(3)}`,
    status: end == null ? 'running' : 'succeeded',
    config: { timeout_seconds: null, unresponsive_seconds: null, max_attempts: 1, retry_condition: [] },
    metadata: null,
    attempt: {
      rollout_id: id,
      attempt_id: `at-${id.slice(3)}`,
      sequence_id: 1,
      start_time: start,
      end_time: end,
      status: end == null ? 'running' : 'succeeded',
      worker_id: 'Worker-1',
      last_heartbeat_time: hb,
      metadata: null,
    },
  });
  const fixtureTable = async (rollouts: Rollout[], now: number) =>
    fixture<RolloutTable>(html`<rollout-table .hub=${createHub()} .rollouts=${rollouts} .now=${now}></rollout-table>`);
  const sortBy = async (el: RolloutTable, col: string, dir: 'ascending' | 'descending') => {
    for (let i = 0; i < 3 && q(el, `th.col-${col}`)!.getAttribute('aria-sort') !== dir; i++) {
      sortButton(el, col).click();
      await el.updateComplete;
    }
    expect(q(el, `th.col-${col}`)!.getAttribute('aria-sort')).to.equal(dir);
  };

  it('hex ids by code unit: ro-0a62… before ro-0a7d…, not the numeric collation of 62 > 7', async () => {
    const el = await fixtureTable([mk('ro-0a7d00000001', T0 - 50, T0 - 40), mk('ro-0a6200000002', T0 - 30, T0 - 20), mk('ro-0b1000000003', T0 - 10, T0 - 5), mk('ro-09ff00000004', T0 - 9, T0 - 4)], NOW);
    for (const col of ['rollout', 'attempt', 'resources']) {
      await sortBy(el, col, 'ascending');
      expect(rows(el).map((r) => text(r, col).slice(3, 7)), col).to.deep.equal(['09ff', '0a62', '0a7d', '0b10']);
    }
  });

  it('Duration follows the ticking cells of running rows: the order is that of the values shown', async () => {
    // A finished in 5 s; B started 3 s ago and runs. 4 s later B shows 7 s and must come after A.
    const rs = [mk('ro-aaaaaaaaaaaa', T0 - 60, T0 - 55), mk('ro-bbbbbbbbbbbb', T0 - 3, null)];
    const el = await fixtureTable(rs, NOW);
    await sortBy(el, 'duration', 'ascending');
    expect(rows(el).map((r) => text(r, 'duration'))).to.deep.equal(['3s', '5s']);
    el.now = NOW + 4000;
    await el.updateComplete;
    expect(rows(el).map((r) => text(r, 'duration'))).to.deep.equal(['5s', '7s']);
    await sortBy(el, 'duration', 'descending');
    expect(rows(el).map((r) => text(r, 'duration'))).to.deep.equal(['7s', '5s']);
    el.now = NOW + 1000;
    await el.updateComplete;
    expect(rows(el).map((r) => text(r, 'duration'))).to.deep.equal(['5s', '4s']);
  });

  it('Start Time and Last Heartbeat follow one rule: ascending = the earliest moment first, and the button says so', async () => {
    // Started earlier → heartbeat earlier; both ascending orders must put the same row first.
    const rs = [mk('ro-cccccccccccc', T0 - 10, null, T0 - 1), mk('ro-dddddddddddd', T0 - 90, null, T0 - 60), mk('ro-eeeeeeeeeeee', T0 - 40, null, T0 - 20)];
    const el = await fixtureTable(rs, NOW);
    await sortBy(el, 'start', 'ascending');
    expect(ids(el)).to.deep.equal(['ro-dddddddddddd', 'ro-eeeeeeeeeeee', 'ro-cccccccccccc']);
    expect(sortButton(el, 'start').title).to.match(/oldest first/i);
    await sortBy(el, 'heartbeat', 'ascending');
    expect(ids(el)).to.deep.equal(['ro-dddddddddddd', 'ro-eeeeeeeeeeee', 'ro-cccccccccccc']);
    expect(rows(el).map((r) => text(r, 'heartbeat'))).to.deep.equal(['1m ago', '20s ago', '1s ago']);
    expect(sortButton(el, 'heartbeat').title).to.match(/oldest first/i);
    await sortBy(el, 'heartbeat', 'descending');
    expect(sortButton(el, 'heartbeat').title).to.match(/newest first/i);
  });
});

describe('<rollout-table> fits its pane: every column from 1,018 px, fewer by a stated priority below', () => {
  const { rollouts, attempts } = sampleRollouts(30, NOW / 1000);
  before(() => setViewport({ width: 1400, height: 800 }));
  after(() => setViewport({ width: 800, height: 600 }));

  /** Every header and cell in sight is inside the table's frame, none overlaps the next, no side scroll. */
  function layout(el: RolloutTable) {
    const wrap = q(el, '.wrap')!;
    const heads = [...root(el).querySelectorAll<HTMLElement>('thead th')].filter((th) => th.getBoundingClientRect().width > 0);
    const boxes = heads.map((th) => th.getBoundingClientRect());
    for (let i = 1; i < boxes.length; i++) expect(boxes[i].left, `${heads[i].className} starts after ${heads[i - 1].className} ends`).to.be.at.least(boxes[i - 1].right - 0.5);
    // Ids are shown whole: the text fits its cell's content box.
    for (const td of root(el).querySelectorAll<HTMLElement>('tbody tr[part="row"] td.col-attempt, tbody tr[part="row"] td.col-resources, tbody tr[part="row"] .col-rollout .id')) {
      if (td.getBoundingClientRect().width === 0) continue;
      const range = document.createRange();
      range.selectNodeContents(td);
      const cellBox = (td.closest('td') as HTMLElement).getBoundingClientRect();
      expect(range.getBoundingClientRect().right, `${td.textContent} whole`).to.be.at.most(cellBox.right - 7);
    }
    return { scrollsSideways: wrap.scrollWidth > wrap.clientWidth, shown: heads.map((th) => th.className.replace(/^col-/, '')) };
  }

  it('shows all 11 columns, nothing covered, in 1,040 px (the dashboard’s pane at 1280 px)', async () => {
    const el = await fixture<RolloutTable>(html`<rollout-table style="width: 1040px" .rollouts=${rollouts} .attempts=${attempts} .now=${NOW}></rollout-table>`);
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(r));
    await el.updateComplete;
    const l = layout(el);
    expect(l.shown).to.deep.equal(['rollout', 'attempt', 'input', 'status', 'resources', 'mode', 'start', 'duration', 'heartbeat', 'worker', 'actions']);
    expect(l.scrollsSideways, 'no horizontal scrolling').to.equal(false);
    expect(q(el, '[part="columns-note"]')).to.equal(null);
  });

  it('hides Resources ID, Attempt, Mode… in that order when narrower, and says which', async () => {
    const el = await fixture<RolloutTable>(html`<rollout-table style="width: 760px" .rollouts=${rollouts} .attempts=${attempts} .now=${NOW}></rollout-table>`);
    await waitUntil(() => q(el, '[part="columns-note"]'), 'no note about hidden columns');
    const l = layout(el);
    expect(l.shown).to.deep.equal(['rollout', 'input', 'status', 'start', 'duration', 'heartbeat', 'worker', 'actions']);
    expect(l.scrollsSideways, 'no horizontal scrolling').to.equal(false);
    expect(q(el, '[part="columns-note"]')!.textContent).to.match(/3 columns hidden to fit this width: Resources ID, Attempt, Mode/);
    // Wider again: everything back, the note gone.
    el.style.width = '1100px';
    await waitUntil(() => !q(el, '[part="columns-note"]'), 'the note stays');
    expect(layout(el).shown).to.have.length(11);
  });

  it('on a phone keeps Rollout, Status and the actions side by side, Start Time and Duration named as hidden', async () => {
    // Before: Start Time and Duration always showed, so at 360 px the table scrolled sideways
    // and Start Time slid under the pinned actions.
    const el = await fixture<RolloutTable>(html`<rollout-table style="width: 360px" .rollouts=${rollouts} .attempts=${attempts} .now=${NOW}></rollout-table>`);
    await waitUntil(() => q(el, '[part="columns-note"]'), 'no note about hidden columns');
    const l = layout(el);
    expect(l.shown).to.deep.equal(['rollout', 'status', 'actions']);
    expect(l.scrollsSideways, 'no horizontal scrolling').to.equal(false);
    expect(q(el, '[part="columns-note"]')!.textContent).to.match(/8 columns hidden to fit this width: .*Input, Start Time, Duration\./);
  });
});
