import { expect, fixture, html, waitUntil, oneEvent } from '@open-wc/testing';
import '../../src/elements/log-console/log-console.define.js';
import type { LogConsole } from '../../src/elements/log-console/log-console.js';
import type { LogDownloadEvent, LogCopyEvent } from '../../src/elements/log-console/log-console.events.js';
import { createHub } from '../../src/streams/hub.js';
import type { LogLine } from '../../src/streams/models.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';

const line = (id: number, text: string, level: LogLine['level'] = 'info', source = 'app'): LogLine => ({
  id,
  time: 1763900000000 + id * 1000,
  level,
  source,
  text,
});
const lines = (n: number, from = 1, text = (i: number) => `line ${i}`): LogLine[] =>
  Array.from({ length: n }, (_, k) => line(from + k, text(from + k), (['trace', 'debug', 'info', 'warn', 'error'] as const)[(from + k) % 5]));

const root = (el: LogConsole) => el.shadowRoot!;
const rows = (el: LogConsole) => [...root(el).querySelectorAll<HTMLElement>('.row')];
const msgs = (el: LogConsole) => rows(el).map((r) => r.querySelector('.msg, .gap-text')?.textContent ?? '');
const viewport = (el: LogConsole) => root(el).querySelector<HTMLElement>('.viewport')!;
const filterInput = (el: LogConsole) => root(el).querySelector<HTMLInputElement>('input[part=filter]')!;
const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));

async function typeFilter(el: LogConsole, text: string) {
  const input = filterInput(el);
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
  await frame();
}

/** Rows fully inside the viewport. */
function visibleMsgs(el: LogConsole): string[] {
  const v = viewport(el).getBoundingClientRect();
  return rows(el)
    .filter((r) => {
      const b = r.getBoundingClientRect();
      return b.top >= v.top - 1 && b.bottom <= v.bottom + 1;
    })
    .map((r) => r.querySelector('.msg')?.textContent ?? '');
}

describe('log-console', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    document.documentElement.style.colorScheme = 'light';
    sb = await createSandbox({ seed: 11, paused: true });
  });
  afterEach(async () => {
    await sb.dispose();
  });

  it('a line that cannot be read is counted and said, and the lines around it are shown', async () => {
    await sb.faults({ mode: 'malformed', streams: ['logs/*'], every: 2, count: 1 });
    const el = await fixture<LogConsole>(html`<log-console .hub=${createHub()} base-url=${sb.url} streams="scheduler"></log-console>`);
    for (const text of ['readable-1', 'readable-2', 'readable-3']) await sb.inject({ stream: 'logs/scheduler', line: { level: 'info', text } });
    const notice = () => root(el).querySelector('[part="unreadable"]')?.textContent ?? '';
    await waitUntil(() => /could not be read/.test(notice()), `no 'could not be read' notice; text: ${el.toText().slice(-200)}`, { timeout: 10000 });
    await waitUntil(() => el.toText().includes('readable-3'), 'the lines after the bad one are shown', { timeout: 10000 });
  });

  it('a late joiner gets the replay, then live lines; two consoles share one connection and agree', async () => {
    await sb.inject({ stream: 'logs/scheduler', line: { level: 'warn', text: 'before-anyone-watched' } });
    const hub = createHub();
    const a = await fixture<LogConsole>(html`<log-console .hub=${hub} base-url=${sb.url} streams="scheduler"></log-console>`);
    await waitUntil(() => msgs(a).some((m) => m.includes('before-anyone-watched')), 'replay reaches the first console', { timeout: 8000 });
    await sb.inject({ stream: 'logs/scheduler', line: { level: 'info', text: 'live-one' } });
    await waitUntil(() => a.toText().includes('live-one'), 'live line reaches the first console', { timeout: 8000 });

    // A second console on the same page joins late: it gets what came before, then the live tail.
    const b = await fixture<LogConsole>(html`<log-console .hub=${hub} base-url=${sb.url} streams="scheduler"></log-console>`);
    await waitUntil(() => b.toText().includes('live-one'), 'late joiner gets the replay', { timeout: 8000 });
    await sb.inject({ stream: 'logs/scheduler', line: { level: 'error', text: 'live-two' } });
    await waitUntil(() => a.toText().includes('live-two') && b.toText().includes('live-two'), 'both get the live line', { timeout: 8000 });
    const stats = await sb.stats();
    expect(stats.connections['logs/scheduler']).to.equal(1);
    // Same lines, same order (the late joiner's replay is the hub's recent window).
    const tailOf = (el: LogConsole) => el.toNdjson().trim().split('\n').slice(-20).join('\n');
    expect(tailOf(b)).to.equal(tailOf(a));
    expect(a.toText().indexOf('before-anyone-watched')).to.be.lessThan(a.toText().indexOf('live-one'));

    // A viewer on another page (its own hub) also gets the recent lines first, then live ones.
    const c = await fixture<LogConsole>(html`<log-console .hub=${createHub()} base-url=${sb.url} streams="scheduler"></log-console>`);
    await waitUntil(() => c.toText().includes('live-two'), 'new viewer gets the replay', { timeout: 8000 });
    await sb.inject({ stream: 'logs/scheduler', line: { text: 'live-three' } });
    await waitUntil(() => c.toText().includes('live-three'), 'then the live tail', { timeout: 8000 });
    const text = c.toText();
    expect(text.indexOf('before-anyone-watched')).to.be.lessThan(text.indexOf('live-two'));
    expect(text.indexOf('live-two')).to.be.lessThan(text.indexOf('live-three'));
    expect((await sb.stats()).connections['logs/scheduler']).to.equal(2);
    await expect(a).to.be.accessible();
  });

  it('shows each line once, with a source column and source filter when reading several streams', async () => {
    await sb.inject({ stream: 'logs/scheduler', line: { text: 'from-scheduler' } });
    await sb.inject({ stream: 'logs/cas', line: { text: 'from-cas' } });
    const el = await fixture<LogConsole>(html`<log-console .hub=${createHub()} base-url=${sb.url} streams="scheduler,cas"></log-console>`);
    await waitUntil(() => el.toText().includes('from-scheduler') && el.toText().includes('from-cas'), 'both streams', { timeout: 8000 });
    await waitUntil(() => root(el).querySelector('.row .source'), 'source column');
    const select = root(el).querySelector<HTMLSelectElement>('select[aria-label=Source]')!;
    expect([...select.options].map((o) => o.value)).to.include.members(['', 'scheduler', 'cas']);
    select.value = 'cas';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    await frame();
    const sources = rows(el).map((r) => r.querySelector('.source')?.textContent);
    expect(sources.length).to.be.greaterThan(0);
    expect(sources.every((s) => s === 'cas')).to.equal(true);
    expect(msgs(el)).to.include('from-cas');
    expect(msgs(el)).not.to.include('from-scheduler');
    const ids = el
      .toNdjson()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l))
      .filter((l) => l.source === 'cas')
      .map((l) => l.id);
    expect(new Set(ids).size).to.equal(ids.length);
  });

  it('a chosen source shows only its lines, also from sources that appear later', async () => {
    const el = await fixture<LogConsole>(html`<log-console></log-console>`);
    el.append([line(1, 'a-1', 'info', 'a'), line(2, 'b-1', 'info', 'b')]);
    // The toolbar refreshes a few times a second while lines stream in.
    await waitUntil(() => root(el).querySelector('select[aria-label=Source]'), 'source filter');
    const select = root(el).querySelector<HTMLSelectElement>('select[aria-label=Source]')!;
    select.value = 'a';
    select.dispatchEvent(new Event('change'));
    await el.updateComplete;
    // A source the console had never seen when "a" was chosen.
    el.append([line(3, 'c-1', 'info', 'c'), line(4, 'a-2', 'info', 'a'), line(5, 'b-2', 'info', 'b')]);
    await el.updateComplete;
    await frame();
    expect(msgs(el)).to.deep.equal(['a-1', 'a-2']);
    expect(select.value).to.equal('a');
  });

  it('lists the sources that still have lines, the most recent ones when there are too many', async () => {
    const el = await fixture<LogConsole>(html`<log-console max-lines="200"></log-console>`);
    // 300 sources, one line each: the first 100 have been evicted from the 200-line buffer.
    el.append(Array.from({ length: 300 }, (_, i) => line(i + 1, `line ${i + 1}`, 'info', `task-${i + 1}`)));
    const options = () => [...root(el).querySelectorAll<HTMLOptionElement>('select[aria-label=Source] option')].map((o) => o.value);
    await waitUntil(() => options().length > 0, 'source filter');
    const values = options();
    expect(values).to.include('task-300');
    expect(values).not.to.include('task-1');
    expect(values).not.to.include('task-100');
    expect(values.filter((v) => v.startsWith('task-')).length).to.equal(100);
    const more = root(el).querySelector<HTMLOptionElement>('select[aria-label=Source] option[disabled]');
    expect(more?.textContent).to.contain('100 more sources');
  });

  it('on a phone (356 px) every level toggle is in sight: Warn and Error were cut off by the group', async () => {
    const el = await fixture<LogConsole>(html`<log-console style="width: 356px; --log-console-height: 300px"></log-console>`);
    el.append([...lines(40), line(41, 'disk full', 'error'), line(42, 'slow', 'warn'), line(43, 'x', 'debug'), line(44, 'y', 'trace')]);
    await frame();
    await el.updateComplete;
    const group = root(el).querySelector<HTMLElement>('.levels')!.getBoundingClientRect();
    const host = el.getBoundingClientRect();
    const chips = [...root(el).querySelectorAll<HTMLElement>('.levels .chip')];
    expect(chips.map((c) => c.dataset.level)).to.deep.equal(['trace', 'debug', 'info', 'warn', 'error']);
    for (const c of chips) {
      const r = c.getBoundingClientRect();
      expect(r.right, `${c.dataset.level} inside its group`).to.be.at.most(group.right + 0.5);
      expect(r.bottom, `${c.dataset.level} inside its group`).to.be.at.most(group.bottom + 0.5);
      expect(r.right, `${c.dataset.level} inside the console`).to.be.at.most(host.right + 0.5);
    }
    expect(group.right).to.be.at.most(host.right + 0.5);
  });

  it('on a phone (356 px) the message gets most of a line, not 70 px after time, level and source', async () => {
    const el = await fixture<LogConsole>(html`<log-console style="width: 356px; --log-console-height: 300px"></log-console>`);
    el.append(lines(40, 1, (i) => `slow read from filesystem tier: ${i} ms`).map((l, i) => ({ ...l, source: i % 2 ? 'scheduler' : 'cas' })));
    await frame();
    await el.updateComplete;
    const row = rows(el).find((r) => r.querySelector('.msg'))!;
    const msg = row.querySelector<HTMLElement>('.msg')!.getBoundingClientRect().width;
    const width = row.getBoundingClientRect().width;
    expect(msg, `${Math.round(msg)} px of a ${Math.round(width)} px line`).to.be.at.least(0.4 * width);
    // The time still reads to the second; the source still shows.
    expect(getComputedStyle(row, '::before').content).to.equal(`"${row.dataset.time}"`);
    expect(row.querySelector('.source')!.getBoundingClientRect().width).to.be.greaterThan(30);
  });

  it('follows the tail, pauses on scroll-up without moving the text, counts new lines and resumes with no gap', async () => {
    const el = await fixture<LogConsole>(html`<log-console style="--log-console-height: 300px"></log-console>`);
    el.append(lines(500));
    await frame();
    await el.updateComplete;
    expect(el.isFollowing).to.equal(true);
    expect(visibleMsgs(el)).to.include('line 500');

    // The user scrolls up: following stops.
    const v = viewport(el);
    v.dispatchEvent(new WheelEvent('wheel', { deltaY: -300, bubbles: true }));
    v.scrollTop = 2000;
    await oneEvent(v, 'scroll');
    await frame();
    expect(el.isFollowing).to.equal(false);
    const reading = visibleMsgs(el);
    expect(reading.length).to.be.greaterThan(3);

    el.append(lines(120, 501));
    await frame();
    await el.updateComplete;
    expect(visibleMsgs(el)).to.deep.equal(reading);
    const button = root(el).querySelector<HTMLButtonElement>('.new-lines')!;
    expect(button.textContent).to.match(/120\s+new lines/);

    button.click();
    await frame();
    await el.updateComplete;
    await frame();
    expect(el.isFollowing).to.equal(true);
    expect(visibleMsgs(el)).to.include('line 620');
    expect(root(el).querySelector('.new-lines')).to.equal(null);
    const ids = el
      .toNdjson()
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id);
    expect(ids).to.deep.equal(Array.from({ length: 620 }, (_, i) => i + 1));
    // Keyboard: End also resumes, ArrowUp pauses.
    v.focus();
    v.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    expect(el.isFollowing).to.equal(false);
    v.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    expect(el.isFollowing).to.equal(true);
  });

  it('with wrap on, follows a long tail, pauses at the line being read, and then reaches every line', async () => {
    const el = await fixture<LogConsole>(html`<log-console wrap style="--log-console-height: 300px"></log-console>`);
    // Long lines wrap to several rows; far more lines than the window renders at once.
    el.append(lines(3000, 1, (i) => `line ${i}${i % 3 === 0 ? ' long'.repeat(80) : ''}`));
    const msgOf = (r: HTMLElement) => r.querySelector('.msg')?.textContent ?? '';
    const inView = () => {
      const v = viewport(el).getBoundingClientRect();
      return rows(el).filter((r) => {
        const b = r.getBoundingClientRect();
        return b.bottom > v.top + 1 && b.top < v.bottom - 1;
      });
    };
    const isLine = (r: HTMLElement, n: number) => msgOf(r) === `line ${n}` || msgOf(r).startsWith(`line ${n} `);
    await waitUntil(() => inView().some((r) => isLine(r, 3000)), 'the newest line in view');
    expect(el.isFollowing).to.equal(true);
    const topBefore = inView().sort((a, b) => a.getBoundingClientRect().top - b.getBoundingClientRect().top)[0];
    const topLine = Number(msgOf(topBefore).split(' ')[1]);
    // ArrowUp pauses: what was at the top stays in view.
    const v = viewport(el);
    v.focus();
    v.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true }));
    expect(el.isFollowing).to.equal(false);
    await el.updateComplete;
    await frame();
    await frame();
    await waitUntil(() => inView().some((r) => isLine(r, topLine)), `line ${topLine} still in view after pausing`);
    // Paused, the whole log is there: scroll to the top and the first line shows.
    for (let k = 0; k < 60 && !inView().some((r) => isLine(r, 1)); k++) {
      v.scrollTop = 0;
      await frame();
    }
    expect(inView().some((r) => isLine(r, 1)), 'line 1 reachable when paused').to.equal(true);
    expect(el.isFollowing).to.equal(false);
  });

  it('with wrap on, draws only the rows in view: follows, pauses without moving the text, "N new lines" jumps back, search and copy', async () => {
    const el = await fixture<LogConsole>(html`<log-console wrap style="--log-console-height: 300px"></log-console>`);
    const text = (i: number) => `line ${i}${i % 4 === 0 ? ' wrapped'.repeat(60) : ''}`;
    const msgOf = (r: HTMLElement) => r.querySelector('.msg')?.textContent ?? '';
    const isLine = (r: HTMLElement, n: number) => msgOf(r) === `line ${n}` || msgOf(r).startsWith(`line ${n} `);
    const v = viewport(el);
    const inView = () => {
      const b = v.getBoundingClientRect();
      return rows(el).filter((r) => {
        const rb = r.getBoundingClientRect();
        return rb.bottom > b.top + 1 && rb.top < b.bottom - 1;
      });
    };
    const newestAtBottom = (n: number) => {
      const last = rows(el).find((r) => isLine(r, n));
      if (!last) return false;
      const b = last.getBoundingClientRect();
      const vb = v.getBoundingClientRect();
      return Math.abs(b.bottom - vb.bottom) <= 2 && b.height > 20 * 3;
    };
    el.append(lines(5000, 1, text));
    await frame();
    await el.updateComplete;
    await frame();
    // Following: the newest line (a long one, wrapped on several lines) ends at the bottom edge,
    // and only the rows near the view are in the DOM.
    expect(el.isFollowing).to.equal(true);
    expect(newestAtBottom(5000), 'line 5000 at the bottom').to.equal(true);
    expect(rows(el).length).to.be.lessThan(40);

    // A wheel up pauses; what the user reads stays where it is while lines keep coming.
    v.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true }));
    v.scrollTop -= 100;
    await oneEvent(v, 'scroll');
    await frame();
    expect(el.isFollowing).to.equal(false);
    const snapshot = () => inView().map((r) => `${msgOf(r).slice(0, 12)}@${Math.round(r.getBoundingClientRect().top)}`);
    const reading = snapshot();
    expect(reading.length).to.be.greaterThan(2);
    el.append(lines(200, 5001, text));
    await frame();
    await el.updateComplete;
    await frame();
    expect(snapshot()).to.deep.equal(reading);
    const button = root(el).querySelector<HTMLButtonElement>('.new-lines')!;
    expect(button.textContent).to.match(/200\s+new lines/);
    // Scrolling up further moves the text by as much as the scroll.
    const before = inView()[0];
    const top0 = before.getBoundingClientRect().top;
    v.scrollTop -= 50;
    await oneEvent(v, 'scroll');
    await frame();
    const same = rows(el).find((r) => r.dataset.seq === before.dataset.seq)!;
    expect(Math.round(same.getBoundingClientRect().top - top0)).to.equal(50);

    // "N new lines" jumps back to the newest line and follows again.
    root(el).querySelector<HTMLButtonElement>('.new-lines')!.click();
    await frame();
    await el.updateComplete;
    await frame();
    expect(el.isFollowing).to.equal(true);
    expect(newestAtBottom(5200), 'line 5200 at the bottom').to.equal(true);

    // Search: every 4th line matches; "next" steps through them and brings each into view.
    v.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true }));
    v.scrollTop = 0;
    await oneEvent(v, 'scroll');
    await frame();
    await typeFilter(el, 'wrapped');
    await frame();
    expect(el.isFollowing).to.equal(false);
    for (let k = 0; k < 12; k++) filterInput(el).dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await el.updateComplete;
    await frame();
    await frame();
    const current = root(el).querySelector<HTMLElement>('.row.current');
    expect(current, 'the current match is drawn').to.not.equal(null);
    expect(inView()).to.include(current!);
    expect(root(el).querySelector('.match-count')!.textContent).to.match(/^12 of 1,300$/);
    expect(isLine(current!, 48)).to.equal(true);

    // Copy a wrapped line.
    setTimeout(() => current!.querySelector<HTMLButtonElement>('button.copy')!.click());
    const ev = (await oneEvent(el, 'log-copy')) as LogCopyEvent;
    expect(ev.line.text).to.equal(text(48));
  });

  it('keeps what the user reads in place while the ring buffer evicts old lines', async () => {
    const el = await fixture<LogConsole>(html`<log-console max-lines="300" style="--log-console-height: 300px"></log-console>`);
    el.append(lines(300));
    await frame();
    const v = viewport(el);
    v.dispatchEvent(new WheelEvent('wheel', { deltaY: -100, bubbles: true }));
    v.scrollTop = v.scrollHeight - v.clientHeight - 1000;
    await oneEvent(v, 'scroll');
    await frame();
    const reading = visibleMsgs(el);
    el.append(lines(40, 301)); // evicts lines 1–40
    await frame();
    await el.updateComplete;
    expect(el.size).to.equal(300);
    expect(visibleMsgs(el)).to.deep.equal(reading);
  });

  it('filters by level with counts, by text, /regex/ and -negative, and combinations', async () => {
    const el = await fixture<LogConsole>(html`<log-console></log-console>`);
    el.append([
      line(1, 'GET /api/users 200 in 12ms', 'info'),
      line(2, 'GET /api/orders 500 in 40ms', 'error'),
      line(3, 'cache miss for user-42', 'debug'),
      line(4, 'slow query: SELECT * FROM orders', 'warn'),
      line(5, 'GET /health 200 in 1ms', 'info'),
      line(6, 'user-7 logged in', 'info'),
    ]);
    await frame();
    const chip = (level: string) => root(el).querySelector<HTMLButtonElement>(`.chip[data-level=${level}]`)!;
    expect(chip('info').textContent).to.match(/Info\s*3/);
    expect(chip('error').textContent).to.match(/Error\s*1/);
    expect(el.levelCounts).to.include({ info: 3, warn: 1, error: 1, debug: 1, trace: 0 });

    chip('info').click();
    await el.updateComplete;
    await frame();
    expect(chip('info').getAttribute('aria-pressed')).to.equal('false');
    expect(msgs(el)).to.deep.equal(['GET /api/orders 500 in 40ms', 'cache miss for user-42', 'slow query: SELECT * FROM orders']);
    chip('info').click();
    await el.updateComplete;

    await typeFilter(el, 'get');
    expect(msgs(el)).to.deep.equal(['GET /api/users 200 in 12ms', 'GET /api/orders 500 in 40ms', 'GET /health 200 in 1ms']);
    expect(root(el).querySelectorAll('mark').length).to.equal(3);
    expect(root(el).querySelector('mark')!.textContent).to.equal('GET');

    await typeFilter(el, '/\\b[45]\\d\\d\\b/');
    expect(msgs(el)).to.deep.equal(['GET /api/orders 500 in 40ms']);

    await typeFilter(el, '-get');
    expect(msgs(el)).to.deep.equal(['cache miss for user-42', 'slow query: SELECT * FROM orders', 'user-7 logged in']);

    await typeFilter(el, 'user -/^cache/');
    expect(msgs(el)).to.deep.equal(['GET /api/users 200 in 12ms', 'user-7 logged in']);

    // Combined with a level filter (alt-click: this level only).
    chip('info').dispatchEvent(new MouseEvent('click', { altKey: true, bubbles: true }));
    await el.updateComplete;
    await typeFilter(el, '"in 1"');
    expect(msgs(el)).to.deep.equal(['GET /api/users 200 in 12ms', 'GET /health 200 in 1ms']);

    // "N of M" and next/previous.
    const count = () => root(el).querySelector('.match-count')!.textContent!.trim();
    expect(count()).to.equal('2 matches');
    root(el).querySelector<HTMLButtonElement>('[aria-label="Next match"]')!.click();
    await el.updateComplete;
    expect(count()).to.equal('1 of 2');
    root(el).querySelector<HTMLButtonElement>('[aria-label="Next match"]')!.click();
    await el.updateComplete;
    expect(count()).to.equal('2 of 2');
    await frame();
    expect(root(el).querySelector('.row.current .msg')!.textContent).to.equal('GET /health 200 in 1ms');

    // New lines are tested against the current filter as they arrive.
    el.append([line(7, 'GET /x 200 in 1ms', 'info'), line(8, 'GET /y 200 in 1ms', 'warn')]);
    await frame();
    expect(msgs(el)).to.deep.equal(['GET /api/users 200 in 12ms', 'GET /health 200 in 1ms', 'GET /x 200 in 1ms']);
    await expect(el).to.be.accessible();
  });

  it('reports an invalid regex inline and keeps working', async () => {
    const el = await fixture<LogConsole>(html`<log-console></log-console>`);
    el.append(lines(10));
    await frame();
    await typeFilter(el, '/([a-z/');
    const alert = root(el).querySelector('.filter-error')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.match(/Invalid regular expression/);
    expect(filterInput(el).getAttribute('aria-invalid')).to.equal('true');
    expect(rows(el).length).to.equal(10);
    await expect(el).to.be.accessible();
    await typeFilter(el, '/line [12]$/');
    expect(root(el).querySelector('.filter-error')).to.equal(null);
    expect(msgs(el)).to.deep.equal(['line 1', 'line 2']);
  });

  it('renders ANSI colours as styled text and groups identical consecutive lines', async () => {
    const el = await fixture<LogConsole>(html`<log-console></log-console>`);
    el.append([
      line(1, 'status \u001b[31mred\u001b[0m and \u001b[1;32mbold green\u001b[0m done'),
      line(2, 'tick'),
      line(3, 'tick'),
      line(4, 'tick'),
      line(5, 'tock'),
    ]);
    await frame();
    // The colours are a lazy part asked for by the first coloured line: updateComplete waits for it.
    await el.updateComplete;
    const spans = [...root(el).querySelectorAll<HTMLElement>('.row .ansi')];
    expect(spans.map((s) => s.textContent)).to.deep.equal(['red', 'bold green']);
    expect(getComputedStyle(spans[0]).color).to.equal('rgb(179, 20, 0)');
    expect(getComputedStyle(spans[1]).fontWeight).to.equal('700');
    expect(msgs(el)[0]).to.equal('status red and bold green done');
    expect(msgs(el)).to.deep.equal(['status red and bold green done', 'tick', 'tock']);
    const badge = getComputedStyle(rows(el)[1].querySelector('.msg')!, '::before');
    expect(badge.content).to.equal('"3"');
    expect(getComputedStyle(rows(el)[2].querySelector('.msg')!, '::before').content).to.equal('none');
    expect(el.size).to.equal(5);
  });

  it('shows hostile strings from the server as text, creating no element', async () => {
    const hostile = [
      '<img src=x onerror="window.__pwned=1">',
      '<script>window.__pwned=2</script>',
      '\u001b]8;;javascript:window.__pwned=3\u001b\\click me\u001b]8;;\u001b\\',
      '<a href="javascript:window.__pwned=4">link</a>',
      '\u001b[31m<b onmouseover=window.__pwned=5>bold?</b>\u001b[0m',
    ];
    for (const text of hostile) await sb.inject({ stream: 'logs/scheduler', line: { level: 'error', text } });
    const el = await fixture<LogConsole>(html`<log-console .hub=${createHub()} base-url=${sb.url} streams="scheduler"></log-console>`);
    await waitUntil(() => msgs(el).some((m) => m.includes('bold?')), 'hostile lines arrive', { timeout: 8000 });
    await frame();
    const shown = msgs(el);
    expect(shown).to.include('<img src=x onerror="window.__pwned=1">');
    expect(shown).to.include('<script>window.__pwned=2</script>');
    expect(shown).to.include('click me');
    expect(shown).to.include('<b onmouseover=window.__pwned=5>bold?</b>');
    const inRows = root(el).querySelectorAll('.rows img, .rows script, .rows a, .rows b');
    expect(inRows.length).to.equal(0);
    expect((window as any).__pwned).to.equal(undefined);
  });

  it('shows a lost-lines marker and downloads what is loaded as text and NDJSON', async () => {
    const el = await fixture<LogConsole>(html`<log-console streams=""></log-console>`);
    el.append([line(1, 'first \u001b[33mwarm\u001b[0m', 'warn'), line(2, 'second')]);
    el.appendGap({ from: 3, to: 1202 }, 'app');
    el.append([line(1203, 'after the gap', 'error')]);
    await frame();
    expect(msgs(el)).to.include('1,200 lines not received (3–1202)');

    setTimeout(() => root(el).querySelector<HTMLButtonElement>('button[title^="Download what is loaded as plain"]')!.click());
    const textEvent = (await oneEvent(el, 'log-download')) as LogDownloadEvent;
    textEvent.preventDefault();
    const text = await textEvent.blob.text();
    expect(textEvent.format).to.equal('text');
    expect(textEvent.filename).to.match(/\.log$/);
    const out = text.split('\n');
    expect(out.length).to.equal(5);
    expect(out[0]).to.equal(`${new Date(1763900001000).toISOString()} WARN  [app] first warm`);
    expect(out[1]).to.equal(`${new Date(1763900002000).toISOString()} INFO  [app] second`);
    expect(out[2]).to.match(/^\d{4}-\d\d-\d\dT\S+Z GAP   \[app\] 1,200 lines not received \(3–1202\)$/);
    expect(out[3]).to.equal(`${new Date(1763901203000).toISOString()} ERROR [app] after the gap`);
    expect(out[4]).to.equal('');
    expect(text).not.to.include('\u001b');

    setTimeout(() => root(el).querySelector<HTMLButtonElement>('button[title$="as NDJSON"]')!.click());
    const ndEvent = (await oneEvent(el, 'log-download')) as LogDownloadEvent;
    ndEvent.preventDefault();
    const records = (await ndEvent.blob.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(records[0]).to.deep.equal(line(1, 'first \u001b[33mwarm\u001b[0m', 'warn'));
    expect(records[2]).to.deep.equal({ gap: { from: 3, to: 1202 }, source: 'app' });
    expect(records[3].text).to.equal('after the gap');
    expect(ndEvent.blob.type).to.equal('application/x-ndjson');
  });

  it('copies a line and clears', async () => {
    const el = await fixture<LogConsole>(html`<log-console></log-console>`);
    el.append([line(1, 'copy \u001b[32mme\u001b[0m', 'warn', 'svc')]);
    await frame();
    const copy = root(el).querySelector<HTMLButtonElement>('.row button.copy')!;
    expect(copy.getAttribute('aria-label')).to.equal('Copy line');
    setTimeout(() => copy.click());
    const ev = (await oneEvent(el, 'log-copy')) as LogCopyEvent;
    expect(ev.text).to.equal(`${new Date(1763900001000).toISOString()} WARN [svc] copy me`);
    root(el).querySelector<HTMLButtonElement>('button[title="Clear the console"]')!.click();
    await el.updateComplete;
    await frame();
    expect(rows(el).length).to.equal(0);
    expect(root(el).querySelector('.overlay.empty')!.textContent).to.match(/No log lines yet/);
  });

  it('measures its scroller again after being removed and re-added: a resize then re-lays the lines out', async () => {
    const host = await fixture<HTMLDivElement>(html`<div style="width: 700px"></div>`);
    const el = document.createElement('log-console') as LogConsole;
    el.wrap = true;
    el.style.setProperty('--log-console-height', '300px');
    host.append(el);
    el.append(lines(400, 1, (i) => `line ${i}${i % 2 ? ' wraps'.repeat(30) : ''}`));
    const last = () => rows(el).find((r) => r.querySelector('.msg')?.textContent === 'line 400');
    await waitUntil(() => last(), 'line 400 drawn');
    // Rows in view touch end to end (no overlap, no gap) and reach the viewport's bottom.
    const laidOut = () => {
      const v = viewport(el).getBoundingClientRect();
      const shown = rows(el)
        .map((r) => r.getBoundingClientRect())
        .filter((b) => b.bottom > v.top + 1 && b.top < v.bottom - 1)
        .sort((a, b) => a.top - b.top);
      const touching = shown.every((b, i) => i === 0 || Math.abs(b.top - shown[i - 1].bottom) < 1.5);
      const filled = shown.length > 0 && shown[0].top <= v.top + 1 && shown.at(-1)!.bottom >= v.bottom - 1;
      return touching && filled;
    };
    await waitUntil(laidOut, 'lines laid out at first');
    const heightBefore = viewport(el).getBoundingClientRect().height;
    const toolbar = () => root(el).querySelector<HTMLElement>('[part="toolbar"]')!.getBoundingClientRect().height;
    const toolbarBefore = toolbar();
    el.remove();
    host.append(el);
    await el.updateComplete;
    // Narrower and taller: wrapped lines get taller, more of them fit.
    host.style.width = '360px';
    el.style.setProperty('--log-console-height', '560px');
    await waitUntil(laidOut, 'lines laid out again for the new size after the re-add (no overlap, viewport filled)', { timeout: 5000 });
    // 260 px taller, less what the toolbar grew by wrapping onto more lines at 360 px.
    expect(viewport(el).getBoundingClientRect().height).to.be.closeTo(heightBefore + 260 - (toolbar() - toolbarBefore), 2);
  });

  it('toggles timestamps and wrapping', async () => {
    const el = await fixture<LogConsole>(html`<log-console></log-console>`);
    el.append([line(1, 'a '.repeat(400)), line(2, 'short')]);
    await frame();
    const time = () => getComputedStyle(rows(el)[0], '::before');
    expect(time().display).not.to.equal('none');
    expect(time().content).to.equal(`"${rows(el)[0].dataset.time}"`);
    expect(rows(el)[0].dataset.time).to.match(/^\d\d:\d\d:\d\d\.\d{3}$/);
    root(el).querySelector<HTMLButtonElement>('button[title="Show timestamps"]')!.click();
    await el.updateComplete;
    await frame();
    expect(time().display).to.equal('none');
    const heightNoWrap = rows(el)[0].getBoundingClientRect().height;
    root(el).querySelector<HTMLButtonElement>('button[title="Wrap long lines"]')!.click();
    await el.updateComplete;
    await waitUntil(() => rows(el).length === 2, 'wrapped rows render');
    await frame();
    expect(el.wrap).to.equal(true);
    expect(rows(el)[0].getBoundingClientRect().height).to.be.greaterThan(heightNoWrap * 2);
    await expect(el).to.be.accessible();
  });

  it('shows loading, then an error state for a missing stream: reason, address, Retry, the way to the settings', async () => {
    const el = await fixture<LogConsole>(html`<log-console .hub=${createHub()} base-url=${sb.url} streams="no-such-stream" settings-href="/settings"></log-console>`);
    await waitUntil(() => root(el).querySelector('[part="error"][role="alert"]'), 'error state', { timeout: 8000 });
    const err = root(el).querySelector('[part="error"]')!;
    expect(err.textContent).to.contain('Could not load the no-such-stream log').and.contain('HTTP 404');
    expect(err.textContent, 'the address asked').to.contain(`${sb.url}/logs/no-such-stream`);
    expect(err.querySelector('button')!.textContent).to.contain('Retry');
    expect(err.querySelector('a[part="settings-link"]')!.getAttribute('href')).to.equal('/settings');
    expect(root(el).querySelector('.statusbar .conn')!.textContent).to.match(/Error/);
    await expect(el).to.be.accessible();
  });

  it('a dead address is the error state within seconds, not a skeleton for ever; Retry tries again at once', async () => {
    const hub = createHub({ backoff: { baseMs: 20_000, capMs: 20_000, random: () => 0.99 } });
    const el = await fixture<LogConsole>(html`<log-console .hub=${hub} base-url="http://127.0.0.1:9" streams="scheduler"></log-console>`);
    await waitUntil(() => root(el).querySelector('[part="error"][role="alert"]'), 'error state', { timeout: 8000 });
    expect(root(el).querySelector('.overlay [aria-busy="true"]'), 'no skeleton').to.equal(null);
    const err = root(el).querySelector('[part="error"]')!;
    expect(err.textContent).to.match(/unreachable/).and.not.match(/CORS|cross-origin/i);
    expect(err.textContent).to.contain('http://127.0.0.1:9/logs/scheduler');
    const reconnects = () => hub.openSources().length && (el as unknown as { sources: { statuses: Map<string, { counters: { reconnects: number } }> } }).sources.statuses.get('scheduler')!.counters.reconnects;
    const before = reconnects();
    err.querySelector('button')!.click();
    await waitUntil(() => reconnects() > before, 'Retry connected again without waiting out the 20 s backoff', { timeout: 3000 });
  });

  it('is accessible in dark mode with live data', async () => {
    document.documentElement.style.colorScheme = 'dark';
    const el = await fixture<LogConsole>(html`<log-console .hub=${createHub()} base-url=${sb.url} streams="scheduler,cas"></log-console>`);
    await waitUntil(() => el.size > 0, 'lines', { timeout: 8000 });
    el.append([line(99999, 'warn \u001b[33mcolour\u001b[0m', 'warn', 'cas'), line(100000, 'boom', 'error', 'cas')]);
    await typeFilter(el, 'o');
    await frame();
    await waitUntil(() => root(el).querySelector('.row .ansi'), 'the colours (a lazy part) arrive');
    await expect(el).to.be.accessible();
    await typeFilter(el, '/(/');
    await expect(el).to.be.accessible();
    document.documentElement.style.colorScheme = 'light';
  });
});
