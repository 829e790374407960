/**
 * End-to-end, issue 25: the Rollouts page of the built dashboard by keyboard, with real key
 * presses (playwright-core, Debian's Chromium) against the reference server. The table is one
 * Tab stop: from the page heading, the first row in ≤ 5 Tab presses and the pagination in ≤ 8;
 * arrows move between rows; the focused row is fully in view and its input tooltip does not
 * cover it; paging onto the last page keeps focus in the table.
 *
 *   node --import tsx --test test/e2e/rollouts-keyboard.test.ts
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from 'playwright-core';
import type { RunningServer } from '../../demo/server/index.js';
import { builtDashboardPerFile } from './built-dashboard.js';

let server: RunningServer;
let browser: Browser;

builtDashboardPerFile({ seed: 7, warmupMs: 20000 }, (d) => ({ server, browser } = d));

/** Where the focus is, through shadow roots: the element, its row in <rollout-table>, and whether it is in the pager. */
const FOCUS = `(() => {
  let a = document.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  const tr = a && a.closest ? a.closest('tbody tr') : null;
  const inTable = !!(a && a.getRootNode() instanceof ShadowRoot && a.getRootNode().host.tagName === 'ROLLOUT-TABLE');
  const r = tr ? tr.getBoundingClientRect() : null;
  return {
    tag: a ? a.tagName : null,
    label: a && a.getAttribute ? a.getAttribute('aria-label') : null,
    body: a === document.body,
    inTable,
    row: inTable && tr ? Number(tr.getAttribute('aria-rowindex')) : null,
    rollout: inTable && tr ? tr.getAttribute('data-rollout') : null,
    pager: !!(a && a.closest && a.closest('nav.pagination')),
    rowTop: r ? r.top : null,
    rowBottom: r ? r.bottom : null,
  };
})()`;

interface Focus {
  tag: string | null;
  label: string | null;
  body: boolean;
  inTable: boolean;
  row: number | null;
  rollout: string | null;
  pager: boolean;
  rowTop: number | null;
  rowBottom: number | null;
}
const focus = (page: Page) => page.evaluate(FOCUS) as Promise<Focus>;

test('the Rollouts table is one Tab stop: first row ≤ 5 Tab presses from the heading, pagination ≤ 8; arrows, paging keep focus', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  try {
    await context.addInitScript(() => localStorage.setItem('telltale.settings', JSON.stringify({ baseUrl: '', autoRefreshMs: 0 })));
    await page.goto(`${server.url}/rollouts`);
    await page.locator('rollout-table tbody tr[part="row"]').first().waitFor({ timeout: 15000 });
    await page.locator('telltale-dashboard #page-title').focus();
    let presses = 0;
    let f = await focus(page);
    while (f.row == null && presses < 60) {
      await page.keyboard.press('Tab');
      presses++;
      f = await focus(page);
    }
    assert.ok(presses <= 5, `Tab presses from the heading to the first row: ${presses}`);
    assert.equal(f.row, 2, 'the first rollout row');
    assert.equal(f.tag, 'TR', 'the row itself is the Tab stop');
    const first = f.rollout;
    // The focused row is fully in the viewport.
    assert.ok(f.rowTop! >= 0 && f.rowBottom! <= 860, `row in view: ${f.rowTop}–${f.rowBottom}`);
    // Arrows between rows, Right into the row's cells (its input preview shows its tooltip below or above the row, not over it).
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    f = await focus(page);
    assert.equal(f.row, 4);
    await page.keyboard.press('ArrowUp');
    f = await focus(page);
    assert.equal(f.row, 3);
    const rowBox = { top: f.rowTop!, bottom: f.rowBottom! };
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('ArrowRight');
      const g = await focus(page);
      if (g.tag === 'SPAN') break;
    }
    const tip = (await page.evaluate(`(() => {
      const t = document.querySelector('telltale-dashboard').shadowRoot.querySelector('rollout-table').shadowRoot.querySelector('#input-tip');
      if (!t || t.hidden) return null;
      const r = t.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom };
    })()`)) as { top: number; bottom: number } | null;
    if (tip) assert.ok(tip.bottom <= rowBox.top + 0.5 || tip.top >= rowBox.bottom - 0.5, `the tooltip ${tip.top}–${tip.bottom} does not cover the row ${rowBox.top}–${rowBox.bottom}`);
    await page.screenshot({ path: '/tmp/rollouts-keyboard.png' });
    await page.keyboard.press('Home');
    await page.waitForFunction(`(${FOCUS}).row === 2`);
    assert.equal((await focus(page)).rollout, first);
    // On to the pagination.
    while (!(await focus(page)).pager && presses < 400) {
      await page.keyboard.press('Tab');
      presses++;
    }
    assert.ok(presses <= 8, `Tab presses from the heading to the pagination: ${presses}`);
    // Page to the end with "Next page": focus stays in the table (never <body>).
    while ((await focus(page)).label !== 'Next page' && presses < 420) {
      await page.keyboard.press('Tab');
      presses++;
    }
    for (let i = 0; i < 30; i++) {
      const disabled = await page.locator('rollout-table button[aria-label="Next page"]').isDisabled();
      if (disabled) break;
      await page.keyboard.press('Enter');
      await page.waitForTimeout(50);
      f = await focus(page);
      assert.ok(!f.body && f.inTable, `focus after "Next page": ${JSON.stringify(f)}`);
    }
    f = await focus(page);
    assert.ok(!f.body && f.inTable, `focus on the last page: ${JSON.stringify(f)}`);
  } finally {
    await context.close();
  }
});
