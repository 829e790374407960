/**
 * End-to-end, the first hour of a new user (issue 18, items 5 and 7): the built dashboard and
 * portal against the reference server in Debian's Chromium. The rollout table shows its 11
 * columns at 1280 px and 1400 px with nothing covered; the seed-001 task monitor has its page
 * (/tasks, in the navigation) and a portal section, and shows tasks and events live. On a phone
 * (390 × 844) no page pans sideways and the lists stay readable.
 *
 *   node --import tsx --test test/e2e/first-hour-pages.test.ts
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { type Browser, type Page } from 'playwright-core';
import { root } from '../bench/harness.js';
import type { RunningServer } from '../../demo/server/index.js';
import { PAGES, href, type PageId } from '../../demo/app/routes.js';
import { builtDashboardPerFile } from './built-dashboard.js';

let server: RunningServer;
let browser: Browser;

builtDashboardPerFile({ seed: 7, warmupMs: 60_000 }, (d) => ({ server, browser } = d));

async function open(width: number, theme: 'light' | 'dark' = 'light', height = 900) {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: theme });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  return { context, page, errors };
}

/**
 * The rollout table's layout as a user sees it (plain JavaScript: it runs in the page): the
 * headers in sight, whether any two overlap (the sticky Actions over Start Time was the bug),
 * whether the table scrolls sideways, and the hidden-columns note.
 */
const TABLE_LAYOUT = `(host) => {
  const r = host.shadowRoot;
  const wrap = r.querySelector('.wrap');
  const heads = [...r.querySelectorAll('thead th')].filter((th) => th.getBoundingClientRect().width > 0);
  const boxes = heads.map((th) => { const b = th.getBoundingClientRect(); return { name: th.className.replace(/^col-/, ''), left: b.left, right: b.right }; });
  const overlaps = [];
  for (let i = 0; i < boxes.length; i++)
    for (let j = i + 1; j < boxes.length; j++)
      if (boxes[i].right - 0.5 > boxes[j].left && boxes[j].right - 0.5 > boxes[i].left) overlaps.push(boxes[i].name + '/' + boxes[j].name);
  const frame = wrap.getBoundingClientRect();
  const outside = boxes.filter((b) => b.right > frame.right + 0.5 || b.left < frame.left - 0.5).map((b) => b.name);
  return { shown: boxes.map((b) => b.name), overlaps, outside, scrollsSideways: wrap.scrollWidth > wrap.clientWidth, tableWidth: r.querySelector('table').getBoundingClientRect().width, paneWidth: wrap.clientWidth, note: r.querySelector('[part="columns-note"]')?.textContent ?? null };
}`;

/** The first element matching `sel`, looking inside every shadow root (plain JavaScript, for the page). */
const DEEP_FIND = `(sel) => {
  const find = (node) => {
    const hit = node.querySelector(sel);
    if (hit) return hit;
    for (const el of node.querySelectorAll('*')) if (el.shadowRoot) { const inner = find(el.shadowRoot); if (inner) return inner; }
    return null;
  };
  return find(document);
}`;

/** Run a page-side function (as text) on the element `sel` finds. */
const onElement = <T>(page: Page, fn: string, sel: string) => page.evaluate(`(${fn})((${DEEP_FIND})(${JSON.stringify(sel)}))`) as Promise<T>;

const ALL = ['rollout', 'attempt', 'input', 'status', 'resources', 'mode', 'start', 'duration', 'heartbeat', 'worker', 'actions'];

async function tableLayout(page: Page, selector: string) {
  await page.locator(`${selector} tbody tr[part="row"]`).first().waitFor({ timeout: 15_000 });
  return onElement<{ shown: string[]; overlaps: string[]; outside: string[]; scrollsSideways: boolean; tableWidth: number; paneWidth: number; note: string | null }>(page, TABLE_LAYOUT, selector);
}

describe('the rollout table fits', () => {
  for (const width of [1280, 1400]) {
    test(`dashboard at ${width} px: all 11 columns, nothing covered, no sideways scrolling`, async () => {
      const { context, page, errors } = await open(width);
      try {
        await page.goto(`${server.url}/rollouts`);
        const l = await tableLayout(page, 'rollout-table');
        assert.deepEqual(l.shown, ALL, JSON.stringify(l));
        assert.deepEqual(l.overlaps, [], 'no header covers another');
        assert.deepEqual(l.outside, [], 'every column inside the frame');
        assert.equal(l.scrollsSideways, false, `table ${l.tableWidth} px in a ${l.paneWidth} px pane`);
        assert.equal(l.note, null);
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  test('portal at 1280 px: all 11 columns; at 900 px a stated few hidden', async () => {
    const { context, page, errors } = await open(1280);
    try {
      await page.goto(`${server.url}/portal.html`);
      const l = await tableLayout(page, 'rollout-table');
      assert.deepEqual(l.shown, ALL, JSON.stringify(l));
      assert.deepEqual(l.overlaps, []);
      assert.equal(l.scrollsSideways, false);
      await page.setViewportSize({ width: 900, height: 900 });
      await page.waitForFunction(() => document.querySelector('rollout-table')?.shadowRoot?.querySelector('[part="columns-note"]') != null);
      const narrow = await tableLayout(page, 'rollout-table');
      assert.deepEqual(narrow.overlaps, []);
      assert.equal(narrow.scrollsSideways, false);
      assert.ok(narrow.shown.length < 11);
      for (const hidden of ALL.filter((c) => !narrow.shown.includes(c))) {
        const label = { resources: 'Resources ID', attempt: 'Attempt', mode: 'Mode', worker: 'Worker ID', heartbeat: 'Last Heartbeat', input: 'Input' }[hidden];
        assert.ok(label && narrow.note!.includes(label), `the note names ${hidden}: ${narrow.note}`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('the seed-001 task monitor', () => {
  /** What the monitor shows: active tasks, recent events, the connection light, the facets. */
  const MONITOR = `(host) => {
    const r = host.shadowRoot;
    const text = (el) => (el?.textContent ?? '').replace(/\\s+/g, ' ').trim();
    return {
      heading: text(r.querySelector('h2')),
      conn: text(r.querySelector('.conn .conn-text')),
      tone: r.querySelector('.conn')?.dataset.tone ?? null,
      active: [...r.querySelectorAll('.active .task')].map(text),
      events: [...r.querySelectorAll('.row')].map((row) => ({ kind: text(row.querySelector('.kind')), tone: row.querySelector('.kind')?.dataset.tone, time: text(row.querySelector('.time')), detail: text(row.querySelector('.sub')) })),
      total: Number(text(r.querySelector('.total')).replace(/[^0-9]/g, '')),
      types: [...r.querySelectorAll('button[data-type]')].map((b) => text(b).replace(/\\s*[0-9,]+$/, '')),
    };
  }`;
  type Monitor = { heading: string; conn: string; tone: string | null; active: string[]; events: { kind: string; tone: string; time: string; detail: string }[]; total: number; types: string[] };
  const read = (page: Page, selector: string) => onElement<Monitor>(page, MONITOR, selector);
  const rowsOf = (page: Page, selector: string) => onElement<number>(page, `(h) => h?.shadowRoot?.querySelectorAll('.row').length ?? 0`, selector);

  test('/tasks is in the navigation and shows active tasks and recent events, live', async () => {
    const { context, page, errors } = await open(1280);
    try {
      await page.goto(`${server.url}/activity`);
      await page.click('telltale-dashboard #nav a[href="/tasks"]');
      assert.equal(new URL(page.url()).pathname, '/tasks');
      assert.equal(await page.locator('telltale-dashboard h1').textContent(), 'Tasks');
      const sel = 'live-activity[feed="tasks"]';
      let first = await read(page, sel);
      for (let i = 0; i < 60 && (first.events.length < 4 || first.active.length === 0); i++) {
        await page.waitForTimeout(250);
        first = await read(page, sel);
      }
      assert.equal(first.heading, 'Live task monitor');
      assert.equal(first.conn, 'Live');
      assert.equal(first.tone, 'ok', 'the green light');
      // Active tasks: elapsed time, current step, validator.
      for (const t of first.active) assert.match(t, /\d+s .* Validator: \d+\.\d+\.\d+\.\d+/, t);
      // Recent events: seed-001 kinds with their colours, a time and details; at most the last 50.
      const tones: Record<string, string[]> = { task_start: ['ok'], task_step: ['info'], actions_generated: ['orange'], task_complete: ['ok', 'error'], validator_connection: ['purple'], cache_hit: ['cyan'], error: ['error'] };
      for (const e of first.events) {
        assert.ok(tones[e.kind], `a seed-001 event type: ${e.kind}`);
        assert.ok(tones[e.kind].includes(e.tone), `${e.kind} is ${e.tone}`);
        assert.match(e.time, /^\d\d:\d\d:\d\d$/);
      }
      assert.ok(first.total <= 50, `${first.total} events kept (the last 50)`);
      assert.deepEqual(first.types, ['All', 'Tasks', 'Validators', 'Cache hits', 'Other']);
      // Live: new events arrive without a reload (the simulated runner keeps working).
      const top = JSON.stringify(first.events[0]);
      let now = first;
      for (let i = 0; i < 60 && JSON.stringify(now.events[0]) === top; i++) {
        await page.waitForTimeout(250);
        now = await read(page, sel);
      }
      assert.notEqual(JSON.stringify(now.events[0]), top, 'a new event arrived at the top');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('the portal has the task monitor too', async () => {
    const { context, page, errors } = await open(1280);
    try {
      await page.goto(`${server.url}/portal.html`);
      for (let i = 0; i < 60 && (await rowsOf(page, 'live-activity[feed="tasks"]')) === 0; i++) await page.waitForTimeout(250);
      const m = await read(page, 'live-activity[feed="tasks"]');
      assert.equal(m.heading, 'Live task monitor');
      assert.ok(m.events.length > 0);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});

describe('on a phone (390 × 844)', () => {
  /** The page's own element, once it has rendered (page-side). */
  const PAGE_ELEMENT = `(() => {
    const body = document.querySelector('telltale-dashboard')?.shadowRoot?.querySelector('.page-body');
    return [...(body?.querySelectorAll('*') ?? [])].find((e) => e.tagName.includes('-') && e.shadowRoot?.childElementCount) ?? null;
  })()`;

  test('no page pans sideways: nothing reaches past the screen\'s right edge', async () => {
    const { context, page, errors } = await open(390, 'light', 844);
    const wide: string[] = [];
    try {
      for (const p of PAGES) {
        await page.goto(`${server.url}${href(p.id as PageId)}`);
        await page.waitForFunction(`${PAGE_ELEMENT} != null`, undefined, { timeout: 20_000 });
        // Live pages fill in over a moment: the widest content is the rows that arrive.
        await page.waitForFunction(`(() => { const el = ${PAGE_ELEMENT}; try { return !el.matches(':state(loading)'); } catch (e) { return true; } })()`, undefined, { timeout: 20_000 });
        await page.waitForTimeout(1500); // let the first rows land; the check below is the assertion
        const w = (await page.evaluate('[document.documentElement.scrollWidth, innerWidth]')) as [number, number];
        if (w[0] > w[1]) wide.push(`${p.id}: the page is ${w[0]} px wide on a ${w[1]} px screen`);
      }
      assert.deepEqual(wide, []);
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  test('Clients: each client id and address on one line, not broken mid-word', async () => {
    const { context, page, errors } = await open(390, 'light', 844);
    try {
      await page.goto(`${server.url}${href('clients')}`);
      await page.locator('client-list tbody tr .cid').first().waitFor({ timeout: 20_000 });
      const cells = (await page.evaluate(`(() => {
        const r = document.querySelector('telltale-dashboard').shadowRoot.querySelector('client-list').shadowRoot;
        const lines = (el) => { const lh = parseFloat(getComputedStyle(el).lineHeight) || 20; return Math.round(el.getBoundingClientRect().height / lh); };
        return [...r.querySelectorAll('tbody tr')].filter((tr) => tr.querySelector('.cid')).map((tr) => ({ id: tr.querySelector('.cid').textContent.trim(), idLines: lines(tr.querySelector('.cid')), address: tr.querySelector('td:nth-child(2) .mono').textContent.trim(), addressLines: lines(tr.querySelector('td:nth-child(2) .mono')) }));
      })()`)) as { id: string; idLines: number; address: string; addressLines: number }[];
      assert.ok(cells.length > 0);
      for (const c of cells) {
        assert.equal(c.idLines, 1, `${c.id} takes ${c.idLines} lines`);
        assert.equal(c.addressLines, 1, `${c.address} takes ${c.addressLines} lines`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });

  for (const id of ['activity', 'tasks'] as const) {
    test(`${id === 'activity' ? 'Activity' : 'Tasks'}: the feed's titles get most of each row, with status and time still shown`, async () => {
      const { context, page, errors } = await open(390, 'light', 844);
      try {
        await page.goto(`${server.url}${href(id)}`);
        await page.locator('live-activity [part~="row"]').first().waitFor({ timeout: 20_000 });
        const rows = (await page.evaluate(`(() => {
          const r = document.querySelector('telltale-dashboard').shadowRoot.querySelector('live-activity').shadowRoot;
          const w = (el) => (el ? el.getBoundingClientRect().width : 0);
          return [...r.querySelectorAll('[part~="row"]')].filter((row) => row.getBoundingClientRect().height > 0).slice(0, 8).map((row) => ({
            title: row.querySelector('.title').textContent, row: w(row), titleWidth: w(row.querySelector('.title')),
            time: w(row.querySelector('.time')), kind: row.querySelector('.kind').textContent.trim(),
          }));
        })()`)) as { title: string; row: number; titleWidth: number; time: number; kind: string }[];
        assert.ok(rows.length > 0);
        for (const r of rows) {
          assert.ok(r.titleWidth >= 0.45 * r.row, `"${r.title}": ${Math.round(r.titleWidth)} px of a ${Math.round(r.row)} px row`);
          assert.ok(r.time > 0, 'the time is shown');
          assert.ok(r.kind.length > 0, 'the kind keeps its name (for screen readers)');
        }
        assert.deepEqual(errors, []);
      } finally {
        await context.close();
      }
    });
  }

  test('the menu: Tab stays out of the page it covers, and Escape closes it and returns to its button', async () => {
    const { context, page, errors } = await open(390, 'light', 844);
    try {
      await page.goto(`${server.url}${href('storage')}`);
      await page.waitForFunction(`${PAGE_ELEMENT} != null`, undefined, { timeout: 20_000 });
      // Where focus is: the chain of shadow hosts down to the focused element, and whether it is in <main>.
      const where = () =>
        page.evaluate(`(() => {
          let a = document.activeElement; const chain = [];
          while (a && a.shadowRoot && a.shadowRoot.activeElement) { chain.push(a.tagName.toLowerCase()); a = a.shadowRoot.activeElement; }
          const main = document.querySelector('telltale-dashboard').shadowRoot.querySelector('main');
          let inMain = false;
          for (let n = a; n; n = n.parentNode || n.host) if (n === main) { inMain = true; break; }
          return { name: chain.concat([(a.tagName || '').toLowerCase() + ' ' + (a.getAttribute('aria-label') || a.textContent.trim().slice(0, 20))]).join(' > '), inMain };
        })()`) as Promise<{ name: string; inMain: boolean }>;
      const burger = page.locator('telltale-dashboard button.burger');
      await burger.focus();
      await page.keyboard.press('Enter');
      await page.waitForFunction(`document.querySelector('telltale-dashboard').shadowRoot.querySelector('button.burger').getAttribute('aria-expanded') === 'true'`);
      const reached: string[] = [];
      for (let i = 0; i < 20; i++) {
        await page.keyboard.press('Tab');
        const f = await where();
        if (f.inMain) reached.push(f.name);
      }
      assert.deepEqual(reached, [], 'nothing under the open menu takes focus');
      await page.keyboard.press('Escape');
      await page.waitForFunction(`document.querySelector('telltale-dashboard').shadowRoot.querySelector('button.burger').getAttribute('aria-expanded') === 'false'`, undefined, { timeout: 5000 });
      assert.match((await where()).name, /button Open navigation/);
      // Closed, the page takes focus again.
      let inMain = false;
      for (let i = 0; i < 25 && !inMain; i++) {
        await page.keyboard.press('Tab');
        inMain = (await where()).inMain;
      }
      assert.ok(inMain, 'the page is reachable again once the menu is closed');
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
