// <live-activity> by keyboard with real key presses (issue 25): the feed and "Active now" are
// one Tab stop each, arrows/PageDown/End/Home move a roving focus with the row fully in view,
// Enter opens the details and closing them returns focus to the row; focus is never dropped to
// <body> after filtering or clearing; nothing moves under prefers-reduced-motion.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import { NEVER, of } from 'rxjs';
import '../../src/elements/live-activity/live-activity.define.js';
import type { LiveActivity } from '../../src/elements/live-activity/live-activity.js';
import { sampleActivities } from '../../src/elements/live-activity/live-activity.samples.js';
import type { HubLike, SourceStatus } from '../../src/streams/types.js';

const now = Date.UTC(2026, 0, 1, 12);
const root = (el: LiveActivity) => el.shadowRoot!;
const $ = <T extends Element = HTMLElement>(el: LiveActivity, sel: string) => root(el).querySelector<T>(sel);
const nextFrame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** The element that has focus, through shadow roots. */
function deepActive(): HTMLElement | null {
  let a = document.activeElement as HTMLElement | null;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement as HTMLElement;
  return a;
}
const focusedRowId = () => (deepActive()?.classList.contains('row') ? deepActive()!.dataset.id : undefined);

async function press(el: LiveActivity, key: string): Promise<void> {
  await sendKeys({ press: key });
  await el.updateComplete;
  await nextFrame();
  await el.updateComplete;
}

/** The focused row lies wholly inside the feed's visible box. */
function fullyInView(el: LiveActivity): boolean {
  const row = deepActive()!.getBoundingClientRect();
  const feed = $(el, '.feed')!.getBoundingClientRect();
  return row.top >= feed.top - 1 && row.bottom <= feed.bottom + 1;
}

async function setup(): Promise<{ el: LiveActivity; after: HTMLElement }> {
  const box = await fixture<HTMLDivElement>(html`<div>
    <live-activity style="--live-activity-height: 600px" .activities=${sampleActivities(300, now, 3)}></live-activity>
    <button id="after">after</button>
  </div>`);
  const el = box.querySelector('live-activity') as LiveActivity;
  await el.updateComplete;
  await nextFrame();
  return { el, after: box.querySelector<HTMLElement>('#after')! };
}

describe('<live-activity> by keyboard', () => {
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('is one Tab stop for the feed and one for "Active now" (was one per row)', async () => {
    const { el, after } = await setup();
    expect(el.visibleItems.length).to.equal(300);
    const activeEntries = root(el).querySelectorAll('.active .task').length;
    expect(activeEntries, 'some activities in progress').to.be.above(1);
    $(el, '.search input')!.focus();
    const stops: string[] = [];
    for (let n = 0; n < 60 && deepActive() !== after; n++) {
      await press(el, 'Tab');
      const a = deepActive();
      stops.push(a === after ? 'after' : (a?.className ?? a?.tagName ?? 'none'));
    }
    // Search → one "Active now" entry → one feed row → past the element.
    expect(stops, stops.join(', ')).to.deep.equal(['task', 'row', 'after']);
    await sendKeys({ down: 'Shift' });
    await press(el, 'Tab');
    await sendKeys({ up: 'Shift' });
    expect(focusedRowId()).to.equal(el.visibleItems[0].id);
  });

  it('moves with arrows, PageDown, End and Home, keeping the row fully in view; Enter opens, Escape returns to the row', async () => {
    const { el } = await setup();
    const ids = el.visibleItems.map((i) => i.id);
    $(el, '.row')!.focus();
    expect(focusedRowId()).to.equal(ids[0]);
    await press(el, 'ArrowDown');
    await press(el, 'ArrowDown');
    expect(focusedRowId()).to.equal(ids[2]);
    await press(el, 'PageDown');
    const paged = ids.indexOf(focusedRowId()!);
    const page = paged - 2;
    expect(page, 'a page: the rows that fit the feed, less one').to.equal(Math.floor($(el, '.feed')!.clientHeight / 52) - 1);
    expect(page).to.be.above(2);
    expect(fullyInView(el), 'paged row fully in view').to.equal(true);
    await press(el, 'End');
    expect(focusedRowId()).to.equal(ids[299]);
    expect(fullyInView(el), 'last row fully in view').to.equal(true);
    await press(el, 'PageUp');
    expect(ids.indexOf(focusedRowId()!)).to.equal(299 - page);
    expect(fullyInView(el)).to.equal(true);
    await press(el, 'Home');
    expect(focusedRowId()).to.equal(ids[0]);
    // Only one row is ever a Tab stop.
    expect([...root(el).querySelectorAll<HTMLElement>('.row')].filter((r) => r.tabIndex === 0).length).to.equal(1);

    await press(el, 'ArrowDown');
    await press(el, 'Enter');
    await waitUntil(() => $(el, '.details'), 'details did not open');
    expect(deepActive()?.classList.contains('close'), 'focus on the details close button').to.equal(true);
    await press(el, 'Escape');
    await waitUntil(() => focusedRowId() === ids[1], `focus not back on the row (on ${deepActive()?.className})`);
    expect($(el, '.details')).to.equal(null);

    // Closing after the row was scrolled away: the row comes back into view with focus.
    await press(el, 'Enter');
    await waitUntil(() => $(el, '.details'), 'details did not open again');
    const feed = $(el, '.feed')!;
    feed.scrollTop = feed.scrollHeight;
    await nextFrame();
    await el.updateComplete;
    await press(el, 'Escape');
    await waitUntil(() => focusedRowId() === ids[1], `focus not back on the scrolled-away row (on ${deepActive()?.className})`);
    expect(fullyInView(el)).to.equal(true);
  });

  it('never drops focus to <body> after filtering or clearing', async () => {
    const { el } = await setup();
    // A filter button pressed by keyboard keeps focus.
    const failed = $<HTMLButtonElement>(el, 'button[data-status="failed"]')!;
    failed.focus();
    await press(el, 'Enter');
    expect(el.status).to.equal('failed');
    expect(deepActive()).to.equal(failed);
    // A row focused, then the list empties (an app sets a search nothing matches): "Clear filters" gets focus.
    $(el, '.row')!.focus();
    el.search = 'nothing-matches-this';
    await el.updateComplete;
    await nextFrame();
    await waitUntil(() => deepActive()?.classList.contains('clear-filters'), `focus on ${deepActive()?.tagName}.${deepActive()?.className}`);
    // Clearing from there puts focus on the first row of the full list.
    await press(el, 'Enter');
    await waitUntil(() => focusedRowId() === el.visibleItems[0].id, `focus on ${deepActive()?.tagName}.${deepActive()?.className}`);
    expect(el.visibleItems.length).to.equal(300);
    // The focused row filtered away by status: focus stays in the feed, on a row still shown.
    const row = el.visibleItems.find((i) => i.status === 'success')!;
    const index = el.visibleItems.indexOf(row);
    for (let i = 0; i < index; i++) await press(el, 'ArrowDown');
    expect(focusedRowId()).to.equal(row.id);
    el.status = 'failed';
    await el.updateComplete;
    await nextFrame();
    await waitUntil(() => focusedRowId() !== undefined, `focus on ${deepActive()?.tagName}.${deepActive()?.className}`);
    expect(el.visibleItems.map((i) => i.id)).to.include(focusedRowId());
  });

  it('says "N shown" and "running for" in text, with no aria-label on a plain <span>', async () => {
    const { el } = await setup();
    const badge = $(el, '#feed-heading .badge')!;
    expect(badge.textContent!.replace(/\s+/g, ' ').trim()).to.equal('300 shown');
    expect($(el, '.active .task')!.textContent!.replace(/\s+/g, ' ')).to.match(/running for \d/);
    // aria-label is not allowed on an element without a role (axe: aria-prohibited-attr).
    const labelled = [...root(el).querySelectorAll('span[aria-label], div[aria-label]:not([role])')];
    expect(labelled.map((e) => e.outerHTML.slice(0, 80))).to.deep.equal([]);
  });

  it('nothing shimmers, pulses or blinks under prefers-reduced-motion', async () => {
    const connecting: SourceStatus = { key: 'x', state: 'connecting', reason: null, lastEventAt: null, retryAt: null, counters: { events: 0, malformed: 0, reconnects: 0, dropped: 0 }, refreshing: false, role: 'solo' };
    const silent = { key: 'x', batches$: NEVER, status$: of(connecting) };
    const hub = { live: () => silent, tasks: () => silent } as unknown as HubLike;
    const running = (el: LiveActivity) => root(el).getAnimations().filter((a) => a.playState === 'running').length;
    const loading = () => fixture<LiveActivity>(html`<live-activity base-url="http://example.invalid" .hub=${hub}></live-activity>`);
    // Without the preference the loading skeleton shimmers (so the check below can fail).
    const moving = await loading();
    expect($(moving, '.skeleton')).to.exist;
    expect(running(moving)).to.be.above(0);
    await emulateMedia({ reducedMotion: 'reduce' });
    const still = await loading();
    await nextFrame();
    expect(running(still)).to.equal(0);
    // Loaded, stale (reconnecting) and paused, the other states with motion in other elements.
    const reconnecting: SourceStatus = { ...connecting, state: 'reconnecting', reason: 'lost' };
    still.activities = sampleActivities(20, now, 3);
    still.sourceStatus = reconnecting;
    still.pause();
    await still.updateComplete;
    await nextFrame();
    expect(running(still)).to.equal(0);
  });
});
