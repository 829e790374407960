// Keyboard focus survives scrolling (issues #23/#24 follow-up): a keyboard user focuses a row of a
// windowed list, then scrolls the list with the mouse wheel (real wheel input through the
// browser: the `wheel` command of web-test-runner.config.mjs) until that row is far out of the
// drawn range. Focus must stay on the row, which stays drawn off screen (shared/window keeps it),
// so nothing is announced, and the next arrow key moves on from that row, not from whatever is in
// view. Before the fix the row was windowed out: worker-board parked focus on the list (its row
// element gone), log-console moved it to the log itself, whose ↓ then landed on a line in view.
// live-activity's feed draws rows by position: focus stayed in the feed but on a row reused for
// another activity (↓ still moved on from the focused one); now the focused row's element follows it.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand, sendKeys } from '@web/test-runner-commands';
import '../../src/elements/worker-board/worker-board.define.js';
import '../../src/elements/log-console/log-console.define.js';
import '../../src/elements/live-activity/live-activity.define.js';
import type { WorkerBoard } from '../../src/elements/worker-board/worker-board.js';
import type { LogConsole } from '../../src/elements/log-console/log-console.js';
import type { LiveActivity } from '../../src/elements/live-activity/live-activity.js';
import { sampleActivities, sampleActivity } from '../../src/elements/live-activity/live-activity.samples.js';
import type { WorkerInfo, LogLine } from '../../src/streams/models.js';

const T0 = 1_800_000_000_000;
const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

/** The focused element, through shadow roots. */
function deepActive(): HTMLElement | null {
  let a = document.activeElement as HTMLElement | null;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement as HTMLElement;
  return a;
}

/**
 * Scroll `scroller` by about `dy` px with the mouse wheel over it: real wheel input (the `wheel`
 * command of web-test-runner.config.mjs), notch after notch until it is there.
 */
async function wheel(scroller: HTMLElement, dy: number): Promise<void> {
  const r = scroller.getBoundingClientRect();
  const at = { x: Math.round(r.left + r.width / 2), y: Math.round(r.top + Math.min(r.height / 2, 200)) };
  const target = Math.max(0, Math.min(scroller.scrollTop + dy, scroller.scrollHeight - scroller.clientHeight));
  for (let k = 0; k < 200 && Math.abs(scroller.scrollTop - target) > 50; k++) {
    const left = target - scroller.scrollTop;
    await executeServerCommand('wheel', { ...at, deltaY: Math.sign(left) * Math.min(1500, Math.abs(left)) });
    await frame();
  }
  expect(Math.abs(scroller.scrollTop - target), 'the wheel scrolled it there').to.be.below(60);
}

function worker(i: number): WorkerInfo {
  const id = `w-${String(i).padStart(4, '0')}`;
  return {
    id,
    status: 'idle',
    subStatus: null,
    metrics: { cpu: (i % 10) / 10, memory: null, disk: null, network: null },
    actions: [],
    lastHeartbeat: T0,
    platform: { OSFamily: 'linux' },
  };
}

describe('focus survives wheel-scrolling the focused row out of the drawn range', () => {
  for (const view of ['cards', 'table'] as const) {
    it(`worker-board (${view}): focus stays on the worker, ↓ moves on from it`, async () => {
      const app = await fixture<HTMLElement>(
        html`<div style="height:500px;overflow:auto"><worker-board view=${view} .workers=${Array.from({ length: 1000 }, (_, i) => worker(i))} .now=${T0 + 1000}></worker-board></div>`,
      );
      const el = app.querySelector<WorkerBoard>('worker-board')!;
      const root = el.shadowRoot!;
      const card = (id: string) => root.querySelector<HTMLElement>(`[data-worker-id="${id}"]`);
      const focusedId = () => deepActive()?.closest<HTMLElement>('[data-worker-id]')?.dataset.workerId ?? null;
      await waitUntil(() => card('w-0001'), 'first workers drawn');
      card('w-0001')!.querySelector<HTMLElement>('.wid')!.focus();
      await waitUntil(() => focusedId() === 'w-0001', 'w-0001 focused');
      await el.updateComplete;
      // Far away: the middle of 1,000 workers.
      await wheel(app, app.scrollHeight / 2 - app.scrollTop);
      const inView = (id: string) => {
        const r = card(id)?.getBoundingClientRect();
        const b = app.getBoundingClientRect();
        return !!r && r.bottom > b.top && r.top < b.bottom;
      };
      await waitUntil(() => [...root.querySelectorAll<HTMLElement>('[data-worker-id]')].some((c) => inView(c.dataset.workerId!) && c.dataset.workerId! > 'w-0300'), 'the middle drawn', { timeout: 5000 });
      await el.updateComplete;
      await frame();
      expect(inView('w-0001'), 'the focused worker is scrolled out of view').to.equal(false);
      expect(document.activeElement, 'focus is in the board, not <body>').to.equal(el);
      expect(focusedId(), 'focus is still on the worker').to.equal('w-0001');
      const top = app.scrollTop;
      await sendKeys({ press: 'ArrowDown' });
      const cols = view === 'cards' ? (el as unknown as { columns: number }).columns : 1;
      const next = `w-${String(1 + cols).padStart(4, '0')}`;
      await waitUntil(() => focusedId() === next && inView(next), `ArrowDown: ${next} (the next row after w-0001) focused and scrolled into view`, { timeout: 5000 });
      expect(app.scrollTop, 'scrolled back to it').to.be.below(top);
    });
  }

  for (const wrap of [false, true])
  it(`log-console${wrap ? ' (wrapped lines)' : ''}: focus stays on the line, ↓ moves to the next line`, async () => {
    const line = (id: number): LogLine => ({ id, time: 1763900000000 + id * 1000, level: 'info', source: 'app', text: `line ${id}${wrap && id % 5 === 0 ? ' long words'.repeat(30) : ''}` });
    const el = await fixture<LogConsole>(html`<log-console ?wrap=${wrap} style="--log-console-height: 420px"></log-console>`);
    el.append(Array.from({ length: 2000 }, (_, k) => line(k + 1)));
    await el.updateComplete;
    await frame();
    const root = el.shadowRoot!;
    const v = root.querySelector<HTMLElement>('.viewport')!;
    const focusedText = () => deepActive()?.closest?.('.row[data-seq]')?.querySelector('.msg')?.textContent ?? null;
    v.focus();
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => focusedText(), 'a line has focus');
    const start = Number(/\d+/.exec(focusedText()!)![0]);
    await el.updateComplete;
    await frame();
    await wheel(v, -v.scrollTop / 2);
    const drawn = () => [...root.querySelectorAll<HTMLElement>('.row[data-seq] .msg')].map((m) => Number(/\d+/.exec(m.textContent ?? '')?.[0]));
    await waitUntil(() => drawn().some((n) => n > 500 && n < 1500), 'the middle of the log drawn', { timeout: 5000 }).catch((e) => {
      throw new Error(`${e.message}; drawn: ${drawn().join(' ')}; scrollTop ${v.scrollTop}`);
    });
    await el.updateComplete;
    await frame();
    expect(document.activeElement, 'focus is in the log, not <body>').to.equal(el);
    expect(/^line (\d+)/.exec(focusedText() ?? "")?.[1], "focus is still on the line").to.equal(String(start));
    const row = deepActive()!.getBoundingClientRect();
    const box = v.getBoundingClientRect();
    expect(row.bottom <= box.top || row.top >= box.bottom, 'the focused line is out of view').to.equal(true);
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => focusedText() === `line ${start + 1}` || !!focusedText()?.startsWith(`line ${start + 1} `), `ArrowDown: line ${start + 1}`, { timeout: 5000 });
    const r = deepActive()!.getBoundingClientRect();
    const b = v.getBoundingClientRect();
    expect(r.top >= b.top - 1 && r.bottom <= b.bottom + 1, 'and it is scrolled into view').to.equal(true);
  });

  it('live-activity feed: focus stays on the activity, ↓ moves to the next one', async () => {
    const el = await fixture<LiveActivity>(html`<live-activity style="--live-activity-height: 600px" .activities=${sampleActivities(300, Date.UTC(2026, 0, 1, 12), 3)}></live-activity>`);
    await el.updateComplete;
    await frame();
    const root = el.shadowRoot!;
    const feed = root.querySelector<HTMLElement>('.feed')!;
    const focusedId = () => (deepActive()?.classList.contains('row') ? deepActive()!.dataset.id : undefined);
    const rows = () => [...root.querySelectorAll<HTMLElement>('.feed .row')];
    rows()[1].focus();
    await waitUntil(() => focusedId(), 'a row focused');
    const id = focusedId()!;
    const ids = el.visibleItems.map((a) => a.id);
    const at = ids.indexOf(id);
    await el.updateComplete;
    await wheel(feed, feed.scrollHeight / 2);
    await waitUntil(() => rows().some((r) => ids.indexOf(r.dataset.id!) > 100), 'the middle drawn', { timeout: 5000 });
    await el.updateComplete;
    await frame();
    expect(document.activeElement, 'focus is in the element, not <body>').to.equal(el);
    expect(feed.contains(deepActive()), 'focus is in the feed').to.equal(true);
    expect(focusedId(), 'focus is still on the activity').to.equal(id);
    const r = deepActive()!.getBoundingClientRect();
    const b = feed.getBoundingClientRect();
    expect(r.bottom <= b.top || r.top >= b.bottom, 'which is out of view').to.equal(true);
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => focusedId() === ids[at + 1], `ArrowDown: the activity after ${id}`, { timeout: 5000 });
  });

  it('live-activity "Active now": focus stays on the entry, ↓ moves to the next one', async () => {
    const now = Date.UTC(2026, 0, 1, 12);
    const running = Array.from({ length: 60 }, (_, i) =>
      sampleActivity(i + 1, now, undefined, { id: `running-${i}`, status: 'in_progress', stage: 'executing', createdAt: now - (i + 1) * 1000 }),
    );
    const el = await fixture<LiveActivity>(html`<live-activity style="--live-activity-height: 600px" .activities=${running}></live-activity>`);
    await el.updateComplete;
    await frame();
    const root = el.shadowRoot!;
    const list = root.querySelector<HTMLElement>('.active-list')!;
    const tasks = () => [...root.querySelectorAll<HTMLElement>('.active-list .task')];
    const focusedId = () => (deepActive()?.classList.contains('task') ? deepActive()!.dataset.id : undefined);
    await waitUntil(() => tasks().length > 1, 'entries drawn');
    const ids = [...tasks()].map((t) => t.dataset.id!);
    tasks()[0].focus();
    await waitUntil(() => focusedId() === ids[0], 'the first entry focused');
    await el.updateComplete;
    await wheel(list, list.scrollHeight);
    await waitUntil(() => !tasks().some((t) => t.dataset.id === ids[1]), 'the first entries scrolled out of the drawn range', { timeout: 5000 });
    await el.updateComplete;
    await frame();
    expect(focusedId(), 'focus is still on the entry').to.equal(ids[0]);
    await sendKeys({ press: 'ArrowDown' });
    await waitUntil(() => focusedId() === ids[1], 'ArrowDown: the entry after it', { timeout: 5000 });
  });
});
