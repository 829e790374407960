import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/live-activity/live-activity.define.js';
import type { LiveActivity } from '../../src/elements/live-activity/live-activity.js';
import { sampleActivities, sampleActivity, sampleTaskStatus, SAMPLE_STDERR, SAMPLE_STDOUT } from '../../src/elements/live-activity/live-activity.samples.js';
import { STATUS_FILTERS, TYPE_FILTERS } from '../../src/elements/live-activity/activity-store.js';
import { stripAnsi } from '../../src/elements/shared/ansi.js';
import { NEVER, of } from 'rxjs';
import { createHub } from '../../src/streams/hub.js';
import type { HubLike, SourceStatus } from '../../src/streams/types.js';
import type { Activity, TaskEvent } from '../../src/streams/models.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';
import { HOSTILE_STRINGS } from '../fixtures/hostile.js';

/** A hub tuned for tests: quick retries and a quick polling fallback. */
const testHub = () =>
  createHub({ graceMs: 0, backoff: { baseMs: 100, capMs: 400 }, firstByteTimeoutMs: 1200, fallbackAfter: 1, pollIntervalMs: 250, probeIntervalMs: 60_000 });

const root = (el: LiveActivity) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: LiveActivity, sel: string) => root(el).querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: LiveActivity, sel: string) => [...root(el).querySelectorAll<T>(sel)];
const rows = (el: LiveActivity) => $$(el, '.row');
const ids = (el: LiveActivity) => el.visibleItems.map((i) => i.id);
const connText = (el: LiveActivity) => $(el, '.conn')?.textContent?.replace(/\s+/g, ' ').trim() ?? '';
const connTone = (el: LiveActivity) => $(el, '.conn')?.dataset.tone;
const countOf = (el: LiveActivity, sel: string) => Number($(el, `${sel} .count`)!.textContent!.replace(/[^0-9]/g, ''));
const pauseButton = (el: LiveActivity) => $<HTMLButtonElement>(el, 'button.pause')!;
const nextFrame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** Look for an "Active now" entry the way a reader would: scroll its list from top to bottom. */
async function findActive(el: LiveActivity, id: string): Promise<HTMLElement | null> {
  const list = $(el, '.active-list');
  if (!list) return null;
  for (let top = 0; ; top += list.clientHeight) {
    list.scrollTop = top;
    await nextFrame();
    await el.updateComplete;
    const found = $<HTMLElement>(el, `.active .task[data-id="${id}"]`);
    if (found) return found;
    if (top + list.clientHeight >= list.scrollHeight) return null;
  }
}

/** Scroll the feed so the row of `id` is in view (as a user would) and return that row. */
async function scrollToRow(el: LiveActivity, id: string): Promise<HTMLElement | null> {
  const index = el.visibleItems.findIndex((i) => i.id === id);
  const feed = $(el, '.feed')!;
  const rowHeight = feed.scrollHeight / el.visibleItems.length;
  feed.scrollTop = Math.max(0, index * rowHeight - feed.clientHeight / 2);
  await nextFrame();
  await el.updateComplete;
  return $<HTMLElement>(el, `.row[data-id="${id}"]`);
}

const sandboxes: Sandbox[] = [];
async function sandbox(options: Record<string, unknown> = {}): Promise<Sandbox> {
  const sb = await createSandbox({ paused: true, seed: 11, ...options });
  sandboxes.push(sb);
  return sb;
}

async function clockOf(sb: Sandbox): Promise<number> {
  return (await sb.admin('step', { ms: 0 })).now as number;
}

async function liveElement(sb: Sandbox, extra = ''): Promise<LiveActivity> {
  const hub = testHub();
  const el = await fixture<LiveActivity>(html`<live-activity base-url=${sb.url} .hub=${hub} style="--live-activity-height: 600px"></live-activity>`);
  if (extra) for (const [k, v] of new URLSearchParams(extra)) el.setAttribute(k, v);
  await waitUntil(() => el.visibleItems.length > 0 || $(el, '.placeholder'), 'feed did not load', { timeout: 8000 });
  return el;
}

afterEach(async () => {
  document.documentElement.style.colorScheme = '';
  await Promise.all(sandboxes.splice(0).map((s) => s.dispose()));
});

describe('<live-activity> with data by property', () => {
  const now = Date.UTC(2026, 0, 1, 12);
  const data = sampleActivities(80, now, 3);

  async function withData(template = html`<live-activity .activities=${data}></live-activity>`) {
    const el = await fixture<LiveActivity>(template);
    await el.updateComplete;
    await nextFrame();
    return el;
  }

  it('keeps the list readable with the details open in a 1,040 px pane (titles were squeezed to nothing)', async () => {
    const el = await withData(html`<live-activity style="width: 1040px; --live-activity-height: 600px" .activities=${data}></live-activity>`);
    el.openDetails(el.visibleItems[0].id);
    await el.updateComplete;
    await nextFrame();
    expect($(el, '.details')).to.exist;
    const titles = $$(el, '.row .title').slice(0, 6);
    expect(titles.length).to.be.greaterThan(0);
    for (const t of titles) {
      const w = t.getBoundingClientRect().width;
      expect(w, `"${t.textContent}" is ${Math.round(w)} px wide`).to.be.at.least(Math.min(200, t.scrollWidth));
    }
    // The Active panel gives way while the details are open, and comes back after.
    el.closeDetails();
    await el.updateComplete;
    expect($(el, '.active')!.getBoundingClientRect().width).to.be.greaterThan(200);
  });

  it('shows the Active-now entries when narrow (stacked above the feed), not a 0 px list that hides them', async () => {
    const running = Array.from({ length: 5 }, (_, i) =>
      sampleActivity(i + 1, now, undefined, { id: `running-${i}`, status: 'in_progress', stage: 'executing', createdAt: now - i * 1000 }),
    );
    const el = await withData(html`<live-activity style="width: 640px; --live-activity-height: 600px" .activities=${[...running, ...data]}></live-activity>`);
    await waitUntil(() => $$(el, '.active .task').length > 0, 'Active-now entries drawn');
    const list = $(el, '.active-list')!;
    expect(list.clientHeight, 'the list has room for an entry').to.be.at.least(80);
    const first = $(el, '.active .task')!;
    const box = first.getBoundingClientRect();
    const hit = root(el).elementFromPoint(box.x + box.width / 2, box.y + 20);
    expect(first.contains(hit), `the first entry is what a click there reaches (got ${hit?.tagName}.${hit?.className})`).to.equal(true);
    // It holds at most 160 px and scrolls, so the feed keeps the rest of the height.
    expect($(el, '.active')!.getBoundingClientRect().height).to.be.at.most(160);
    expect(list.scrollHeight).to.be.greaterThan(list.clientHeight);
  });

  it('says why a failed client call failed, and that no reason came when none did', async () => {
    const failed = [
      sampleActivity(1, now, undefined, { id: 'rpc-fail', type: 'client', status: 'failed', error: 'UNAVAILABLE: scheduler is draining' }),
      sampleActivity(2, now, undefined, { id: 'up-fail', type: 'upload', status: 'failed' }),
    ];
    const el = await withData(html`<live-activity .activities=${failed}></live-activity>`);
    el.openDetails('rpc-fail');
    await el.updateComplete;
    expect($(el, '.details dd.reason')!.textContent).to.equal('UNAVAILABLE: scheduler is draining');
    el.openDetails('up-fail');
    await el.updateComplete;
    expect($(el, '.details dd.reason')!.textContent).to.equal('The server gave no reason.');
  });

  it('lists every activity newest first and counts each type and status', async () => {
    const el = await withData();
    const times = el.visibleItems.map((i) => i.time);
    expect(times).to.deep.equal([...times].sort((a, b) => b - a));
    expect(el.visibleItems.length).to.equal(80);
    for (const t of TYPE_FILTERS) {
      const expected = t === 'all' ? 80 : data.filter((a) => a.type === t).length;
      expect(countOf(el, `button[data-type="${t}"]`), `count of ${t}`).to.equal(expected);
    }
    for (const s of STATUS_FILTERS) {
      const expected = s === 'all' ? 80 : data.filter((a) => a.status === s).length;
      expect(countOf(el, `button[data-status="${s}"]`), `count of ${s}`).to.equal(expected);
    }
    await waitUntil(() => rows(el).length > 5, 'rows not rendered');
  });

  it('filters by each type and each status, with counts of the other facet following', async () => {
    const el = await withData();
    for (const t of TYPE_FILTERS.filter((x) => x !== 'all')) {
      $(el, `button[data-type="${t}"]`)!.click();
      await el.updateComplete;
      await nextFrame();
      const expected = data.filter((a) => a.type === t);
      expect(el.type).to.equal(t);
      expect(ids(el).sort()).to.deep.equal(expected.map((a) => a.id).sort());
      expect($(el, `button[data-type="${t}"]`)!.getAttribute('aria-pressed')).to.equal('true');
      // Status counts now count only this type.
      expect(countOf(el, 'button[data-status="all"]')).to.equal(expected.length);
      if (expected.length) {
        const labels = rows(el).map((r) => r.querySelector('.kind')!.textContent!.trim());
        expect(new Set(labels).size, `rows of ${t}: ${labels}`).to.equal(1);
      }
    }
    $(el, 'button[data-type="all"]')!.click();
    for (const s of STATUS_FILTERS.filter((x) => x !== 'all')) {
      $(el, `button[data-status="${s}"]`)!.click();
      await el.updateComplete;
      const expected = data.filter((a) => a.status === s);
      expect(ids(el).sort(), s).to.deep.equal(expected.map((a) => a.id).sort());
      expect(countOf(el, 'button[data-type="all"]')).to.equal(expected.length);
    }
    // Both at once.
    $(el, 'button[data-type="execution"]')!.click();
    $(el, 'button[data-status="failed"]')!.click();
    await el.updateComplete;
    expect(ids(el).sort()).to.deep.equal(data.filter((a) => a.type === 'execution' && a.status === 'failed').map((a) => a.id).sort());
  });

  it('searches id, title, detail, worker and client, and fires activity-filter-change', async () => {
    const el = await withData();
    const input = $<HTMLInputElement>(el, '.search input')!;
    const type = async (value: string) => {
      input.value = value;
      const ev = oneEvent(el, 'activity-filter-change');
      input.dispatchEvent(new Event('input', { bubbles: true }));
      const e = await ev;
      expect(e.detail.search).to.equal(value);
      await el.updateComplete;
    };
    const target = data.find((a) => a.worker)!;
    await type(target.id);
    expect(ids(el)).to.deep.equal([target.id]);
    await type(target.worker!.toUpperCase());
    expect(ids(el).sort()).to.deep.equal(data.filter((a) => a.worker === target.worker).map((a) => a.id).sort());
    await type('http_test');
    expect(ids(el).sort()).to.deep.equal(data.filter((a) => a.title.includes('http_test') || a.detail.includes('http_test')).map((a) => a.id).sort());
    await type('client-ci-2');
    expect(ids(el).sort()).to.deep.equal(data.filter((a) => a.client === 'client-ci-2').map((a) => a.id).sort());
    await type('no such thing anywhere');
    expect(ids(el)).to.deep.equal([]);
    expect($(el, '.placeholder')!.textContent).to.contain('Nothing matches');
    $(el, '.placeholder button')!.click();
    await el.updateComplete;
    expect(ids(el).length).to.equal(80);
  });

  it('takes a pre-filtered view from attributes (type, status, search, client)', async () => {
    const el = await withData(html`<live-activity type="execution" status="success" search="compile" client="client-ci-1" .activities=${data}></live-activity>`);
    const expected = data.filter(
      (a) => a.type === 'execution' && a.status === 'success' && a.client === 'client-ci-1' && (a.title + a.detail).toLowerCase().includes('compile'),
    );
    expect(expected.length).to.be.greaterThan(0);
    expect(ids(el).sort()).to.deep.equal(expected.map((a) => a.id).sort());
    expect($(el, '.chip')!.textContent).to.contain('client-ci-1');
  });

  it('updates an item in place when its status changes, keyed by id', async () => {
    const el = await withData();
    const a = data.find((x) => x.status === 'queued')!;
    el.upsertActivities([{ ...a, status: 'in_progress', stage: 'executing', worker: 'worker-09' }]);
    await el.updateComplete;
    expect(ids(el).filter((id) => id === a.id).length).to.equal(1);
    expect(el.visibleItems.find((i) => i.id === a.id)!.status).to.equal('in_progress');
    expect(await findActive(el, a.id)).to.exist;
    el.upsertActivities([{ ...a, status: 'success', stage: 'completed' }]);
    await el.updateComplete;
    expect(el.visibleItems.find((i) => i.id === a.id)!.status).to.equal('success');
    expect(await findActive(el, a.id)).to.not.exist;
  });

  it('renders only the rows in view, however many are kept', async () => {
    const many = sampleActivities(1000, now, 3);
    const el = await withData(html`<live-activity style="--live-activity-height: 600px" .activities=${many}></live-activity>`);
    const feed = $(el, '.feed')!;
    expect(el.visibleItems.length).to.equal(1000);
    expect(rows(el).length).to.be.within(1, 40);
    expect(feed.scrollHeight).to.equal(1000 * 52);
    expect(feed.getAttribute('role')).to.equal('list');
    // One Tab stop: the list itself is not one, exactly one drawn row is.
    expect(feed.hasAttribute('tabindex')).to.equal(false);
    expect(rows(el).filter((r) => r.tabIndex === 0).map((r) => r.dataset.id)).to.deep.equal([el.visibleItems[0].id]);
    expect($(el, '.cell')!.getAttribute('aria-setsize')).to.equal('1000');
    // Scrolled to the end, the last (oldest) rows are there and still only a window of them.
    feed.scrollTop = feed.scrollHeight;
    await nextFrame();
    await el.updateComplete;
    expect(rows(el).some((r) => r.dataset.id === el.visibleItems[999].id)).to.equal(true);
    expect(rows(el).length).to.be.within(1, 40);
  });

  it('keeps up with a flood of events (new ones every frame): newest shown within a moment, exact once it stops, without redrawing every frame', async () => {
    const el = await withData(html`<live-activity style="--live-activity-height: 600px" .activities=${data}></live-activity>`);
    const sentAt = new Map<string, number>();
    const topIds: { id: string; at: number }[] = [];
    let k = 0;
    let last = '';
    // 100 new activities in each of 90 frames (1.5 s at 60 Hz: about 6,000 events/s).
    await new Promise<void>((done) => {
      const tick = () => {
        const t = performance.now();
        const batch = Array.from({ length: 100 }, (_, i) => {
          const at = now + 3_600_000 + k * 1000 + i;
          return sampleActivity(i, at, undefined, { id: `flood-${k}-${i}`, createdAt: at, updatedAt: at });
        });
        last = batch[99].id;
        sentAt.set(last, t);
        k++;
        el.upsertActivities(batch);
        // What the user sees on the previous frame's screen, read after that frame's update.
        el.updateComplete.then(() => topIds.push({ id: rows(el)[0].dataset.id!, at: performance.now() }));
        if (k < 90) requestAnimationFrame(tick);
        else done();
      };
      requestAnimationFrame(tick);
    });
    await el.updateComplete;
    // The top row follows the newest closely: never more than 0.4 s behind what arrived.
    for (const { id, at } of topIds.slice(5)) {
      const batchTop = id.replace(/-\d+$/, '-99');
      expect(sentAt.has(batchTop), `top row ${id} is from the flood`).to.equal(true);
      expect(at - sentAt.get(batchTop)!, `top row ${id} shown late`).to.be.below(400);
    }
    // …but once the flood is sustained (after its first ~1/6 s) the rows are not rewritten
    // every frame (at most ~10 times a second; here < 20).
    const steady = topIds.slice(20);
    const redraws = steady.filter((x, i) => i > 0 && x.id !== steady[i - 1].id).length;
    const seconds = (steady.at(-1)!.at - steady[0].at) / 1000;
    expect(redraws / seconds, `${redraws} redraws in ${seconds.toFixed(2)} s over ${k} frames`).to.be.below(20);
    expect(redraws, 'rows moved during the flood').to.be.at.least(3);
    // Once it stops, the newest is on top and every count is exact, within a moment.
    await waitUntil(() => rows(el)[0].dataset.id === last, 'newest not on top after the flood', { timeout: 1000 });
    await waitUntil(() => countOf(el, 'button[data-type="all"]') === el.visibleItems.length, 'count not updated after the flood', { timeout: 1000 });
    expect(el.visibleItems.length).to.equal(1000);
    expect($(el, '.total')!.textContent).to.contain('1,000');
    expect($(el, '#feed-heading .badge')!.textContent).to.equal('1,000 shown');
  });

  it('shows new rows at the top, but keeps the reading position once scrolled down', async () => {
    const el = await withData(html`<live-activity style="--live-activity-height: 600px" .activities=${data}></live-activity>`);
    const feed = $(el, '.feed')!;
    const later = (k: number, n: number) =>
      Array.from({ length: n }, (_, i) => {
        const t = now + 3_600_000 + k * 1000 + i;
        return sampleActivity(i, t, undefined, { id: `new-${k}-${i}`, createdAt: t, updatedAt: t });
      });
    // At the top: the newest row is the first one shown.
    el.upsertActivities(later(0, 5));
    await nextFrame();
    expect(rows(el)[0].dataset.id).to.equal('new-0-4');
    // Scrolled down: the row being read stays where it is while rows arrive above it.
    feed.scrollTop = 20 * 52 + 10;
    await nextFrame();
    await el.updateComplete;
    const visibleRow = () => {
      const box = feed.getBoundingClientRect();
      const r = rows(el).find((x) => x.getBoundingClientRect().top >= box.top);
      return { id: r!.dataset.id, top: Math.round(r!.getBoundingClientRect().top) };
    };
    const before = visibleRow();
    for (let k = 1; k <= 3; k++) {
      el.upsertActivities(later(k, 7));
      await nextFrame();
      await el.updateComplete;
      expect(visibleRow()).to.deep.equal(before);
    }
    expect(el.visibleItems[0].id).to.equal('new-3-6');
    // Back at the top, new rows show again.
    feed.scrollTop = 0;
    await nextFrame();
    el.upsertActivities(later(4, 2));
    await nextFrame();
    await el.updateComplete;
    expect(rows(el)[0].dataset.id).to.equal('new-4-1');
  });

  it('moves focus with the arrow keys, Home and End, and keeps it on its item as rows arrive', async () => {
    const many = sampleActivities(300, now, 3);
    const el = await withData(html`<live-activity style="--live-activity-height: 600px" .activities=${many}></live-activity>`);
    const focused = () => (root(el).activeElement as HTMLElement | null)?.dataset.id;
    const key = async (k: string) => {
      root(el).activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true }));
      await el.updateComplete;
      await nextFrame();
    };
    // The feed's one Tab stop is its first row.
    rows(el).find((r) => r.tabIndex === 0)!.focus();
    expect(focused()).to.equal(el.visibleItems[0].id);
    await key('ArrowDown');
    await key('ArrowDown');
    expect(focused()).to.equal(el.visibleItems[2].id);
    await key('ArrowUp');
    expect(focused()).to.equal(el.visibleItems[1].id);
    await key('End');
    expect(focused()).to.equal(el.visibleItems[299].id);
    const feed = $(el, '.feed')!.getBoundingClientRect();
    const last = (root(el).activeElement as HTMLElement).getBoundingClientRect();
    expect(last.bottom).to.be.at.most(feed.bottom + 1);
    expect(last.top).to.be.at.least(feed.top - 1);
    await key('Home');
    expect(focused()).to.equal(el.visibleItems[0].id);
    await key('ArrowDown');
    const reading = focused();
    // New rows arrive above the focused one: focus stays on the same activity, in place.
    const top = (root(el).activeElement as HTMLElement).getBoundingClientRect().top;
    el.upsertActivities(
      Array.from({ length: 4 }, (_, i) => sampleActivity(i, now + 3_600_000 + i, undefined, { id: `arrived-${i}`, createdAt: now + 3_600_000 + i })),
    );
    await el.updateComplete;
    await nextFrame();
    expect(focused()).to.equal(reading);
    expect((root(el).activeElement as HTMLElement).getBoundingClientRect().top).to.be.closeTo(top, 1);
    expect(el.visibleItems[0].id).to.equal('arrived-3');
  });

  it('keeps at most max-events and says how many were dropped while paused', async () => {
    const el = await fixture<LiveActivity>(html`<live-activity max-events="20" .activities=${data.slice(0, 10)}></live-activity>`);
    await el.updateComplete;
    pauseButton(el).click();
    await el.updateComplete;
    el.upsertActivities(Array.from({ length: 30 }, (_, i) => sampleActivity(1000 + i, now + 60_000 + i)));
    await el.updateComplete;
    expect(pauseButton(el).textContent).to.contain('30 new');
    expect(ids(el).length).to.equal(10);
    pauseButton(el).click();
    await el.updateComplete;
    expect(ids(el).length).to.equal(20);
    expect($(el, '.note[role="status"]')!.textContent).to.match(/20 older items were dropped/);
  });

  it('shows the active panel with elapsed time that ticks', async () => {
    const el = await fixture<LiveActivity>(html`<live-activity .activities=${[]}></live-activity>`);
    const start = Date.now() - 5000;
    el.activities = [sampleActivity(1, start, undefined, { id: 'act-running', status: 'in_progress', stage: 'executing', createdAt: start, worker: 'worker-04', client: 'client-ci-3' })];
    await el.updateComplete;
    const task = $(el, '.active .task[data-id="act-running"]')!;
    expect(task.textContent).to.contain('executing').and.contain('worker-04').and.contain('client-ci-3');
    const first = task.querySelector('.elapsed')!.textContent!;
    expect(first).to.match(/^[56]s$/);
    await waitUntil(() => task.querySelector('.elapsed')!.textContent !== first, 'elapsed did not tick', { timeout: 2500 });
  });

  it('shows loading, empty and details states accessibly, light and dark', async () => {
    // A source that connects and never answers: the skeleton.
    const connecting: SourceStatus = { key: 'x', state: 'connecting', reason: null, lastEventAt: null, retryAt: null, counters: { events: 0, malformed: 0, reconnects: 0, dropped: 0 }, refreshing: false, role: 'solo' };
    const silent = { key: 'x', batches$: NEVER, status$: of(connecting) };
    const hub = { live: () => silent, tasks: () => silent } as unknown as HubLike;
    const el = await fixture<LiveActivity>(html`<live-activity base-url="http://example.invalid" .hub=${hub}></live-activity>`);
    expect($(el, '.skeletons[aria-busy="true"]')).to.exist;
    expect(connText(el)).to.equal('Connecting…');
    await expect(el).to.be.accessible();
    el.removeAttribute('base-url');
    el.activities = [];
    await el.updateComplete;
    expect($(el, '.placeholder')!.textContent).to.contain('No activity yet');
    await expect(el).to.be.accessible();
    el.activities = data;
    el.outputFetcher = async (_id, which) => (which === 'stdout' ? SAMPLE_STDOUT : SAMPLE_STDERR);
    await el.updateComplete;
    const failed = data.find((a) => a.type === 'execution' && a.status === 'failed')!;
    el.openDetails(failed.id);
    await waitUntil(() => $$(el, '.details .output').length === 2, 'outputs not shown');
    for (const scheme of ['light', 'dark']) {
      document.documentElement.style.colorScheme = scheme;
      await expect(el).to.be.accessible();
    }
  });
});

describe('<live-activity> large output', () => {
  it('shows 5,000 lines of stdout through a fixed window: few lines in the DOM, every line reachable by scrolling, accessible', async () => {
    const big = Array.from({ length: 5000 }, (_, i) => `line ${i + 1}: \u001b[32mok\u001b[0m ${'x'.repeat(i % 7 === 0 ? 400 : 10)}`).join('\n') + '\n';
    const data = sampleActivities(40, Date.now());
    const el = await fixture<LiveActivity>(html`<live-activity .activities=${data}></live-activity>`);
    el.outputFetcher = async (_id, which) => (which === 'stdout' ? big : SAMPLE_STDERR);
    const failed = data.find((a) => a.type === 'execution' && a.status === 'failed')!;
    el.openDetails(failed.id);
    await waitUntil(() => $(el, '.output.virtual[data-stream="stdout"] .line'), 'large stdout not shown');
    const out = $(el, '.output.virtual[data-stream="stdout"]')!;
    expect(out.getAttribute('aria-label')).to.equal('stdout, 5000 lines');
    expect(out.querySelectorAll('.line').length, 'only a window of lines is rendered').to.be.below(80);
    expect(out.querySelector('.line')!.textContent).to.equal('line 1: ok ' + 'x'.repeat(400));
    // The colours are a lazy part, asked for by the first coloured line.
    await waitUntil(() => out.querySelector('.line span[style], .line span[class]'), 'ANSI colour as a span');
    // Every line is one fixed height, so the scroller is as tall as all of them.
    expect(out.scrollHeight).to.be.closeTo(5000 * 18, 2);
    // Long lines scroll sideways instead of wrapping.
    expect(out.scrollWidth).to.be.above(out.clientWidth);
    out.scrollTop = out.scrollHeight;
    await nextFrame();
    await el.updateComplete;
    await nextFrame();
    const texts = [...out.querySelectorAll('.line')].map((l) => l.textContent);
    expect(texts).to.include('line 5000: ok xxxxxxxxxx');
    expect(texts).to.not.include('line 1: ok ' + 'x'.repeat(400));
    const last = [...out.querySelectorAll('.line')].find((l) => l.textContent!.startsWith('line 5000:'))!;
    const [lr, or] = [last.getBoundingClientRect(), out.getBoundingClientRect()];
    expect(lr.bottom, 'the last line is in view').to.be.at.most(or.bottom + 1).and.above(or.top);
    for (const scheme of ['light', 'dark']) {
      document.documentElement.style.colorScheme = scheme;
      await expect(el).to.be.accessible();
    }
    document.documentElement.style.colorScheme = '';
  });
});

describe('<live-activity> against the reference server', () => {
  it('loads the live snapshot, says Live, and counts match the server', async () => {
    const sb = await sandbox();
    const status = await (await fetch(`${sb.url}/live/status`)).json();
    const acts: Activity[] = status.reset.activities;
    const el = await liveElement(sb);
    await waitUntil(() => connText(el) === 'Live', `status ${connText(el)}`);
    expect(connTone(el)).to.equal('ok');
    expect(ids(el).sort()).to.deep.equal(acts.map((a) => a.id).sort());
    for (const t of TYPE_FILTERS.filter((x) => x !== 'all')) {
      expect(countOf(el, `button[data-type="${t}"]`), t).to.equal(acts.filter((a) => a.type === t).length);
    }
    // The stream moves on: new activities appear at the top, updates land in place.
    await sb.step(3000);
    await waitUntil(() => el.visibleItems.length !== acts.length || el.visibleItems.some((i) => i.updatedAt > Math.max(...acts.map((a) => a.updatedAt))));
    expect(new Set(ids(el)).size).to.equal(ids(el).length);
  });

  it('updates an injected activity in place and removes it on `remove`', async () => {
    const sb = await sandbox();
    const el = await liveElement(sb);
    const now = await clockOf(sb);
    const a = sampleActivity(1, now, undefined, { id: 'inj-1', type: 'execution', status: 'queued', stage: 'queued', createdAt: now + 10, title: 'Injected action' });
    await sb.inject({ stream: 'live', event: 'activity', data: a });
    await waitUntil(() => ids(el)[0] === 'inj-1', 'injected activity not at the top');
    expect($(el, '.row[data-id="inj-1"]')!.textContent).to.contain('Queued');
    await sb.inject({ stream: 'live', event: 'activity', data: { ...a, status: 'in_progress', stage: 'executing', worker: 'worker-02' } });
    await waitUntil(() => $(el, '.row[data-id="inj-1"]')?.textContent?.includes('In Progress'));
    expect(ids(el).filter((x) => x === 'inj-1').length).to.equal(1);
    expect($(el, '.active .task[data-id="inj-1"]')!.textContent).to.contain('executing').and.contain('worker-02');
    await sb.inject({ stream: 'live', event: 'remove', data: { kind: 'activity', id: 'inj-1' } });
    await waitUntil(() => !ids(el).includes('inj-1'), 'not removed');
  });

  it('opens details on click and on Enter, with stages, stdout and stderr fetched lazily', async () => {
    const sb = await sandbox();
    await sb.step(20_000);
    const status = await (await fetch(`${sb.url}/live/status`)).json();
    const target = (status.reset.activities as Activity[]).find((a) => (a.stderrBytes ?? 0) > 0 && (a.stdoutBytes ?? 0) > 0)!;
    expect(target, 'an action with stdout and stderr').to.exist;
    const [stdout, stderr] = await Promise.all(
      ['stdout', 'stderr'].map((w) => fetch(`${sb.url}/live/activities/${encodeURIComponent(target.id)}/output/${w}`).then((r) => r.text())),
    );
    const el = await liveElement(sb);
    el.search = target.id;
    await el.updateComplete;
    await waitUntil(() => $(el, `.row[data-id="${target.id}"]`));
    const select = oneEvent(el, 'activity-select');
    $(el, `.row[data-id="${target.id}"]`)!.click();
    expect((await select).detail.item.activity!.id).to.equal(target.id);
    await waitUntil(() => $$(el, '.details .output').length === 2, 'stdout and stderr not shown', { timeout: 5000 });
    const details = $(el, '.details')!;
    expect(details.getAttribute('role')).to.equal('dialog');
    expect(details.textContent).to.contain(target.id).and.contain(target.worker!);
    const stageRows = details.querySelectorAll('tbody tr');
    expect(stageRows.length).to.equal(target.stages.length);
    expect(stageRows[0].textContent).to.contain(target.stages[0].name);
    const [outEl, errEl] = $$(el, '.details .output');
    expect(outEl.textContent!.replace(/\u200b/g, '')).to.equal(stripAnsi(stdout).replace(/\n/g, ''));
    expect(errEl.textContent!.replace(/\u200b/g, '')).to.equal(stripAnsi(stderr).replace(/\n/g, ''));
    // ANSI colours are spans with a colour, not escape characters.
    if (stderr.includes('\u001b[')) await waitUntil(() => errEl.querySelector('span.ansi'), 'ANSI colours (a lazy part) arrive');
    expect(errEl.textContent).to.not.contain('\u001b');
    expect([...details.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.include.members(['Copy stdout', 'Copy stderr']);
    // Escape closes; Enter on the focused row opens again.
    details.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
    await el.updateComplete;
    expect($(el, '.details')).to.not.exist;
    const row = $<HTMLButtonElement>(el, `.row[data-id="${target.id}"]`)!;
    row.focus();
    row.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    row.click(); // a native button turns Enter into click; synthetic key events do not, so click as the browser would
    await el.updateComplete;
    expect($(el, '.details')).to.exist;
    for (const scheme of ['light', 'dark']) {
      document.documentElement.style.colorScheme = scheme;
      await expect(el).to.be.accessible();
    }
  });

  it('pauses without losing an event: "N new" on Resume, then all of them', async () => {
    const sb = await sandbox();
    const el = await liveElement(sb);
    await waitUntil(() => connText(el) === 'Live');
    const before = ids(el);
    const pause = oneEvent(el, 'activity-pause-change');
    pauseButton(el).click();
    expect((await pause).detail.paused).to.equal(true);
    const now = await clockOf(sb);
    const injected = Array.from({ length: 30 }, (_, i) =>
      sampleActivity(i, now, undefined, { id: `paused-${i}`, createdAt: now + i, status: 'in_progress', stage: 'executing' }),
    );
    for (const a of injected) await sb.inject({ stream: 'live', event: 'activity', data: a });
    await waitUntil(() => pauseButton(el).textContent!.includes('30 new'), `button says ${pauseButton(el).textContent}`);
    // Frozen: the same list, nothing injected visible.
    expect(ids(el)).to.deep.equal(before);
    expect(rows(el).some((r) => r.dataset.id?.startsWith('paused-'))).to.equal(false);
    const resumed = oneEvent(el, 'activity-pause-change');
    pauseButton(el).click();
    const e = await resumed;
    expect(e.detail).to.include({ paused: false, arrived: 30, dropped: 0 });
    await el.updateComplete;
    for (const a of injected) expect(ids(el), a.id).to.include(a.id);
    expect(ids(el).slice(0, 30)).to.deep.equal(injected.map((a) => a.id).reverse());
  });

  it('offers one Resume while paused (the header button), not two', async () => {
    const sb = await sandbox();
    const el = await liveElement(sb);
    await waitUntil(() => connText(el) === 'Live');
    pauseButton(el).click();
    await el.updateComplete;
    const resumes = $$(el, 'button').filter((b) => /\bResume\b/.test(b.textContent!));
    expect(resumes.length, resumes.map((b) => b.outerHTML).join('\n')).to.equal(1);
    expect($(el, '.note')!.textContent).to.match(/Paused/);
  });

  it('shows reconnection in the status, marks the view stale, and recovers', async () => {
    const sb = await sandbox();
    const el = await liveElement(sb);
    await waitUntil(() => connText(el) === 'Live');
    const seen = new Set<string>();
    const watch = setInterval(() => seen.add(`${connText(el)}|${$(el, '.stale') ? 'stale' : ''}`), 20);
    // The sandbox clock is paused, so the fault is bounded by count rather than time.
    await sb.faults({ mode: 'status', status: 503, count: 2, streams: ['live'] });
    await sb.restart();
    await waitUntil(() => [...seen].some((s) => s.startsWith('Disconnected, reconnecting')), `states seen: ${[...seen]}`, { timeout: 5000 });
    expect([...seen].some((s) => s.includes('stale'))).to.equal(true);
    expect(connTone(el) === 'error' || connText(el) === 'Live').to.equal(true);
    // Recovered: live again, or polling while the hub waits to probe SSE again.
    await waitUntil(() => connText(el) === 'Live' || connText(el).startsWith('Polling'), `still ${connText(el)}; seen ${[...seen].join(' / ')}`, { timeout: 8000 });
    clearInterval(watch);
    expect($(el, '.stale')).to.not.exist;
    // Data keeps flowing after the reconnect.
    const now = await clockOf(sb);
    await sb.inject({ stream: 'live', event: 'activity', data: sampleActivity(1, now, undefined, { id: 'after-restart', createdAt: now + 5 }) });
    await waitUntil(() => ids(el).includes('after-restart'));
  });

  it('shows a fatal error with its reason', async () => {
    const sb = await sandbox();
    await sb.faults({ mode: 'status', status: 401 });
    const el = await fixture<LiveActivity>(html`<live-activity base-url=${sb.url} .hub=${testHub()}></live-activity>`);
    await waitUntil(() => $(el, '.placeholder.error'), 'no error shown', { timeout: 8000 });
    expect(connText(el)).to.contain('Error');
    expect($(el, '.placeholder.error')!.textContent).to.match(/401/);
    await expect(el).to.be.accessible();
  });

  it('renders hostile strings as plain text, creating no element', async () => {
    const sb = await sandbox();
    const el = await liveElement(sb);
    const now = await clockOf(sb);
    (window as unknown as { __pwned?: number }).__pwned = undefined;
    const short = HOSTILE_STRINGS.filter((s) => s.length < 1000);
    for (const [i, s] of short.entries()) {
      await sb.inject({
        stream: 'live',
        event: 'activity',
        data: sampleActivity(i, now, undefined, { id: `hostile-${i}`, createdAt: now + 100 + i, title: s, detail: s, worker: s, client: s, stage: s }),
      });
    }
    el.search = 'hostile-';
    await waitUntil(() => ids(el).filter((x) => x.startsWith('hostile-')).length === short.length, 'hostile activities not all shown');
    await nextFrame();
    const allowed = new Set(['DIV', 'BUTTON', 'SPAN', 'TIME', 'SVG', 'PATH', 'RECT', 'CIRCLE', 'ELLIPSE', 'LIT-VIRTUALIZER', 'HEADER', 'H2', 'H3', 'SECTION', 'INPUT', 'LABEL', 'UL', 'LI', 'P', 'STYLE', 'BDI']);
    const check = () => {
      for (const n of root(el).querySelectorAll('*')) expect(allowed.has(n.tagName.toUpperCase()), `unexpected <${n.tagName}>`).to.equal(true);
      expect(root(el).querySelector('img, script, iframe, a, svg[onload]')).to.equal(null);
    };
    check();
    // Only the rows in view exist: scroll each one into view, as a reader would.
    const titleOf = async (i: number) => (await scrollToRow(el, `hostile-${i}`))?.querySelector('.title')?.textContent;
    expect(await titleOf(0)).to.equal(short[0]);
    expect(await titleOf(1)).to.equal(short[1]);
    const ansi = short.findIndex((s) => s.startsWith('\u001b[31m'));
    expect(await titleOf(ansi)).to.equal('red bold green');
    const osc = short.findIndex((s) => s.startsWith('\u001b]8'));
    expect(await titleOf(osc)).to.equal('link text');
    check();
    el.openDetails(`hostile-1`);
    await el.updateComplete;
    expect($(el, '.details h3')!.textContent).to.equal(short[1]);
    expect(root(el).querySelector('img, script, iframe, a')).to.equal(null);
    await new Promise((r) => setTimeout(r, 100));
    expect((window as unknown as { __pwned?: number }).__pwned).to.equal(undefined);
  });
});

describe('<live-activity feed="tasks"> (seed 001)', () => {
  async function tasksElement(sb: Sandbox): Promise<LiveActivity> {
    const el = await fixture<LiveActivity>(html`<live-activity feed="tasks" base-url=${sb.url} .hub=${testHub()}></live-activity>`);
    await waitUntil(() => connText(el) === 'Live' || connText(el) === 'Polling', `status ${connText(el)}`, { timeout: 8000 });
    return el;
  }
  const taskEvent = (type: TaskEvent['type'], task: string | null, details: Record<string, unknown>, ip = '45.22.240.79') => ({
    stream: 'tasks',
    data: { type, task_id: task, validator_ip: ip, details },
  });

  it('shows active tasks with elapsed time, step and validator; events colour-coded with labels', async () => {
    const sb = await sandbox({ rates: { tasks: 0 } });
    const el = await tasksElement(sb);
    expect(connTone(el)).to.equal('ok');
    const task = 'feedbeef-0000-0000-0000-000000000001';
    await sb.inject(taskEvent('task_start', task, { prompt: 'Login to example.com' }));
    await waitUntil(() => $(el, `.active .task[data-id="${task}"]`), 'task not active');
    expect($(el, `.active .task[data-id="${task}"]`)!.textContent).to.contain('Login to example.com').and.contain('Validator: 45.22.240.79');
    await sb.inject(taskEvent('task_step', task, { step: 'processing' }));
    await waitUntil(() => $(el, `.active .task[data-id="${task}"]`)?.textContent?.includes('processing'));
    await sb.inject(taskEvent('actions_generated', task, { count: 12 }));
    await waitUntil(() => $(el, `.active .task[data-id="${task}"]`)?.textContent?.includes('12 actions'));
    await sb.inject(taskEvent('cache_hit', task, { key: 'abc' }));
    await sb.inject(taskEvent('validator_connection', null, { action: 'connected' }, '84.247.180.192'));
    await sb.inject(taskEvent('error', task, { message: 'TimeoutError: page did not load' }));
    await sb.inject(taskEvent('task_complete', task, { success: false, actions: 12, duration_seconds: 5.2 }));
    await waitUntil(() => !$(el, `.active .task[data-id="${task}"]`), 'completed task still active');
    el.search = task.slice(0, 8);
    await el.updateComplete;
    await nextFrame();
    const kinds = Object.fromEntries(rows(el).map((r) => [r.querySelector('.kind')!.textContent!.trim(), r.querySelector('.kind')!.getAttribute('data-tone')]));
    expect(kinds).to.deep.include({ task_start: 'ok', task_step: 'info', actions_generated: 'orange', cache_hit: 'cyan', error: 'error', task_complete: 'error' });
    el.search = '84.247.180.192';
    await el.updateComplete;
    await nextFrame();
    expect(rows(el).map((r) => r.querySelector('.kind')!.textContent!.trim())).to.include('validator_connection');
    expect(rows(el).find((r) => r.textContent!.includes('validator_connection'))!.querySelector('.kind')!.getAttribute('data-tone')).to.equal('purple');
    // Every kind carries an icon and a text label, not colour alone.
    for (const r of rows(el)) expect(r.querySelector('.kind svg') && r.querySelector('.kind .label')!.textContent!.length).to.be.ok;
    // Details show the event's details JSON as text.
    el.search = task.slice(0, 8);
    el.status = 'failed';
    await el.updateComplete;
    await nextFrame();
    const complete = el.visibleItems.find((i) => i.taskEvent?.type === 'task_complete')!;
    el.openDetails(complete.id);
    await el.updateComplete;
    expect($(el, '.details pre')!.textContent).to.contain('"duration_seconds": 5.2');
    expect($(el, '.details')!.textContent).to.contain('Task timeline');
    for (const scheme of ['light', 'dark']) {
      document.documentElement.style.colorScheme = scheme;
      await expect(el).to.be.accessible();
    }
  });

  it('offers facets that fit task events: Tasks, Validators, Cache hits — not uploads or clients', async () => {
    const sb = await sandbox({ rates: { tasks: 0 } });
    const el = await tasksElement(sb);
    const task = 'facet000-0000-0000-0000-000000000001';
    await sb.inject(taskEvent('task_start', task, { prompt: 'Search for jobs' }));
    await sb.inject(taskEvent('task_step', task, { step: 'parsing' }));
    await sb.inject(taskEvent('cache_hit', task, { key: 'k1' }));
    await sb.inject(taskEvent('validator_connection', null, { action: 'connected' }, '84.247.180.192'));
    await sb.inject(taskEvent('task_complete', task, { success: true, actions: 3, duration_seconds: 1.5 }));
    await waitUntil(() => el.visibleItems.some((i) => i.taskEvent?.type === 'task_complete'), 'events not shown');
    const labels = (sel: string) => $$(el, sel).map((b) => b.textContent!.replace(/\s*\d+\s*$/, '').trim());
    expect(labels('button[data-type]')).to.deep.equal(['All', 'Tasks', 'Validators', 'Cache hits', 'Other']);
    expect(labels('button[data-status]')).to.deep.equal(['All', 'Success', 'In Progress', 'Failed']);
    const kindsAfter = async (type: string) => {
      $(el, `button[data-type="${type}"]`)!.click();
      await el.updateComplete;
      await nextFrame();
      return [...new Set(el.visibleItems.map((i) => i.taskEvent!.type))].sort();
    };
    expect(await kindsAfter('execution')).to.deep.equal(['task_complete', 'task_start', 'task_step']);
    expect(countOf(el, 'button[data-type="execution"]')).to.equal(3);
    expect(await kindsAfter('client')).to.deep.equal(['validator_connection']);
    expect(await kindsAfter('download')).to.deep.equal(['cache_hit']);
  });

  it('"In Progress" counts and lists only the events of tasks still running, live and after a reconnect', async () => {
    const sb = await sandbox({ rates: { tasks: 0 } });
    const el = await tasksElement(sb);
    const done = 'done0000-0000-0000-0000-000000000001';
    const running = 'run00000-0000-0000-0000-000000000001';
    await sb.inject(taskEvent('task_start', done, { prompt: 'Login to example.com' }));
    await sb.inject(taskEvent('task_step', done, { step: 'processing' }));
    await sb.inject(taskEvent('actions_generated', done, { count: 4 }));
    await sb.inject(taskEvent('task_start', running, { prompt: 'Search for jobs' }));
    await sb.inject(taskEvent('task_step', running, { step: 'parsing' }));
    await sb.inject(taskEvent('task_complete', done, { success: true, actions: 4, duration_seconds: 2.1 }));
    await waitUntil(() => el.visibleItems.some((i) => i.taskEvent?.type === 'task_complete'), 'completion not shown');
    await nextFrame();
    // The reader's view: one task is active, and the chip says so in events of that task.
    expect($$(el, '.active .task').length).to.equal(1);
    expect(countOf(el, 'button[data-status="in_progress"]')).to.equal(2);
    $(el, 'button[data-status="in_progress"]')!.click();
    await el.updateComplete;
    await nextFrame();
    expect(el.visibleItems.map((i) => i.taskEvent!.task_id)).to.deep.equal([running, running]);
    expect(rows(el).every((r) => r.textContent!.includes('In Progress'))).to.equal(true);
    // The completed task's start row says how it ended.
    el.status = 'all';
    el.search = done.slice(0, 8);
    await el.updateComplete;
    await nextFrame();
    const start = rows(el).find((r) => r.querySelector('.kind')!.textContent!.includes('task_start'))!;
    expect(start.textContent).to.contain('Success').and.not.contain('In Progress');
    expect(countOf(el, 'button[data-status="success"]')).to.equal(4);
    expect(countOf(el, 'button[data-status="in_progress"]')).to.equal(0);
    // A new page (a reconnect) reads the snapshot: the same counts.
    const again = await tasksElement(sb);
    await waitUntil(() => again.visibleItems.some((i) => i.taskEvent?.type === 'task_complete'), 'snapshot not shown');
    await nextFrame();
    expect(countOf(again, 'button[data-status="in_progress"]')).to.equal(2);
    await sb.inject(taskEvent('task_complete', running, { success: false, actions: 0, duration_seconds: 3 }));
    await waitUntil(() => countOf(again, 'button[data-status="in_progress"]') === 0, 'the last task ended but events still count as in progress');
    again.search = running.slice(0, 8);
    await again.updateComplete;
    await nextFrame();
    expect(countOf(again, 'button[data-status="failed"]')).to.equal(3);
  });

  it('falls back to polling (yellow) when SSE is refused, and keeps delivering', async () => {
    const sb = await sandbox({ rates: { tasks: 0 } });
    await sb.faults({ mode: 'status', status: 503, streams: ['tasks'] });
    const el = await fixture<LiveActivity>(html`<live-activity feed="tasks" base-url=${sb.url} .hub=${testHub()}></live-activity>`);
    await waitUntil(() => connText(el).startsWith('Polling'), `status ${connText(el)}`, { timeout: 10_000 });
    expect(connTone(el)).to.equal('warn');
    // A marker first: once it shows, the first poll's snapshot is in, and what follows is live.
    await sb.inject(taskEvent('validator_connection', null, { action: 'connected' }, '10.0.0.1'));
    await waitUntil(() => el.visibleItems.some((i) => i.client === '10.0.0.1'), 'polling did not deliver the marker', { timeout: 5000 });
    await sb.inject(taskEvent('task_start', 'poll0000-0000-0000-0000-000000000001', { prompt: 'Search for jobs' }));
    await waitUntil(() => $(el, '.active .task[data-id="poll0000-0000-0000-0000-000000000001"]'), 'polling did not deliver', { timeout: 5000 });
    expect(ids(el).some((id) => el.visibleItems.find((i) => i.id === id)?.taskEvent?.type === 'task_start')).to.equal(true);
  });

  it('falls back to polling behind a buffering proxy', async () => {
    const sb = await sandbox({ rates: { tasks: 0 } });
    await sb.faults({ mode: 'buffer', streams: ['tasks'] });
    const el = await fixture<LiveActivity>(html`<live-activity feed="tasks" base-url=${sb.url} .hub=${testHub()}></live-activity>`);
    await waitUntil(() => connText(el).startsWith('Polling'), `status ${connText(el)}`, { timeout: 10_000 });
    await sb.inject(taskEvent('validator_connection', null, { action: 'connected' }, '161.97.152.73'));
    await waitUntil(() => el.visibleItems.some((i) => i.client === '161.97.152.73'), 'polling did not deliver', { timeout: 5000 });
  });

  it('maps a seed-001 status document given by property', async () => {
    const status = sampleTaskStatus();
    const el = await fixture<LiveActivity>(html`<live-activity .taskStatus=${status}></live-activity>`);
    await el.updateComplete;
    expect(el.feed).to.equal('tasks');
    expect(el.visibleItems.length).to.equal(status.recent_events.length);
    expect($$(el, '.active .task').length).to.equal(status.active_tasks.length);
    expect($(el, 'h2')!.textContent).to.equal('Live task monitor');
  });
});

describe('<live-activity>: what the wire brings (issue 20)', () => {
  it('a snapshot of 500 activities with one it cannot read shows the 499 and says 1 could not be read, with the reason', async () => {
    const sb = await sandbox({ paused: true, warmupMs: 0, workers: 1 });
    const el = await fixture<LiveActivity>(html`<live-activity base-url=${sb.url} .hub=${testHub()} style="--live-activity-height: 500px"></live-activity>`);
    await waitUntil(() => connText(el).startsWith('Live'), `status ${connText(el)}`, { timeout: 8000 });
    const T = Date.now();
    const acts = Array.from({ length: 500 }, (_, i) => ({
      id: `bulk-${i}`,
      type: i === 123 ? 'teleportation' : 'execution',
      status: 'success',
      stage: 'done',
      title: `bulk ${i}`,
      detail: '',
      worker: null,
      client: null,
      createdAt: T - i * 1000,
      updatedAt: T - i * 1000,
      stages: [],
    }));
    await sb.inject({ stream: 'live', event: 'reset', data: { activities: acts, workers: [], stores: [], clients: [] } });
    await waitUntil(() => el.visibleItems.filter((i) => i.id.startsWith('bulk-')).length === 499, `shown: ${el.visibleItems.length}`, { timeout: 8000 });
    expect(el.visibleItems.some((i) => i.id === 'bulk-123')).to.equal(false);
    await waitUntil(() => $(el, '[part="unreadable"]'), 'no notice', { timeout: 4000 });
    const notice = $(el, '[part="unreadable"]')!.textContent!.replace(/\s+/g, ' ');
    expect(notice).to.contain('1 record could not be read');
    expect(notice).to.match(/reset\.activities\[123\]\.type: expected one of .*"teleportation"/);
    expect(connText(el)).to.match(/^Live/);
  });
});
