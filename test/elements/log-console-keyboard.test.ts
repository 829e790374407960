// <log-console> by keyboard, with real key presses: the log is one Tab stop, arrows move a focus
// that holds its line while the row pool is reused, and focus never drops to <body> (after "↓ N
// new lines", End, paging, filtering, clearing). Also: the filter's aria-describedby, the
// reconnect banner's live region, reduced motion.
import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { emulateMedia, sendKeys } from '@web/test-runner-commands';
import '../../src/elements/log-console/log-console.define.js';
import type { LogConsole } from '../../src/elements/log-console/log-console.js';
import type { LogCopyEvent } from '../../src/elements/log-console/log-console.events.js';
import type { LogLine } from '../../src/streams/models.js';
import type { HubLike, SourceStatus } from '../../src/streams/types.js';
import { NEVER, of } from 'rxjs';

const line = (id: number): LogLine => ({ id, time: 1763900000000 + id * 1000, level: 'info', source: 'app', text: `line ${id}` });
const lines = (n: number, from = 1) => Array.from({ length: n }, (_, k) => line(from + k));
const root = (el: LogConsole) => el.shadowRoot!;
const viewport = (el: LogConsole) => root(el).querySelector<HTMLElement>('.viewport')!;
const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
/** What has focus: an element of the page, or one in the console's shadow root. */
const focused = (el: LogConsole): Element | null => (document.activeElement === el ? root(el).activeElement : document.activeElement);
const focusedRow = (el: LogConsole) => {
  const f = focused(el) as HTMLElement | null;
  return f?.closest?.('.row[data-seq]') as HTMLElement | null;
};
const focusedText = (el: LogConsole) => focusedRow(el)?.querySelector('.msg')?.textContent ?? null;
const press = async (key: string) => {
  await sendKeys({ press: key });
  await frame();
};
/** The row is inside the view and not under the floating "↓ N new lines" button. */
function fullyInView(el: LogConsole, row: Element): boolean {
  const v = viewport(el).getBoundingClientRect();
  const r = row.getBoundingClientRect();
  const pill = root(el).querySelector('[part=new-lines]')?.getBoundingClientRect();
  const covered = !!pill && r.bottom > pill.top + 1 && r.top < pill.bottom - 1;
  return r.top >= v.top - 1 && r.bottom <= v.bottom + 1 && !covered;
}

describe('log-console keyboard', () => {
  afterEach(async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
  });

  it('is one Tab stop: Tab passes the log in one press (not one per "Copy line"), and reaches "↓ N new lines" from a line', async () => {
    const page = await fixture<HTMLElement>(html`<div>
      <button id="before">before</button>
      <log-console style="--log-console-height: 480px"></log-console>
      <button id="after">after</button>
    </div>`);
    const el = page.querySelector('log-console') as LogConsole;
    el.append(lines(500));
    await el.updateComplete;
    await frame();
    // Start in the filter box (the first stop in the console) and Tab until the log.
    root(el).querySelector<HTMLInputElement>('input[part=filter]')!.focus();
    let presses = 0;
    while (focused(el) !== viewport(el) && !focusedRow(el) && presses < 30) {
      await press('Tab');
      presses++;
    }
    expect(presses, 'Tab presses from the filter box to the log').to.be.at.most(12);
    // One more Tab leaves the log: the next stop is outside the console.
    await press('Tab');
    expect(document.activeElement?.id, 'one Tab from the log leaves it').to.equal('after');

    // Back into the log; ↑ focuses the newest line in view and pauses following.
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    await frame();
    expect(focused(el)).to.equal(viewport(el));
    await press('ArrowUp');
    await waitUntil(() => focusedRow(el), 'a line has focus');
    expect(el.isFollowing, 'a focused line holds still').to.equal(false);
    // The last line in view that the "↓ Follow" button (shown once paused) does not cover.
    const first = Number(/\d+/.exec(focusedText(el)!)![0]);
    expect(first).to.be.within(495, 500);
    await waitUntil(() => fullyInView(el, focusedRow(el)!), 'the focused line is not hidden by "↓ Follow"');
    await press('ArrowUp');
    await press('ArrowUp');
    expect(focusedText(el)).to.equal(`line ${first - 2}`);
    expect(fullyInView(el, focusedRow(el)!)).to.equal(true);

    // New lines while paused: the focused line keeps its line, the pool is reused around it.
    el.append(lines(40, 501));
    await el.updateComplete;
    await frame();
    expect(focusedText(el), 'focus stays on its line while new lines arrive').to.equal(`line ${first - 2}`);

    // `c` copies the focused line; Tab reaches its Copy button, then "↓ N new lines".
    setTimeout(() => void sendKeys({ press: 'c' }));
    const copied = (await oneEvent(el, 'log-copy')) as LogCopyEvent;
    expect(copied.text.endsWith(`line ${first - 2}`)).to.equal(true);
    await press('Tab');
    expect((focused(el) as HTMLElement).matches('button.copy'), 'Tab from the line: its Copy button').to.equal(true);
    expect(focusedText(el)).to.equal(`line ${first - 2}`);
    await press('Tab');
    const newLines = root(el).querySelector<HTMLButtonElement>('[part=new-lines]')!;
    expect(focused(el), 'then "↓ N new lines"').to.equal(newLines);
    expect(newLines.textContent).to.match(/40 new lines/);

    // Pressing it follows again and keeps focus in the log (not <body>).
    await press('Enter');
    await el.updateComplete;
    await frame();
    expect(el.isFollowing).to.equal(true);
    expect(document.activeElement, 'focus is not dropped to <body>').to.equal(el);
    expect(focused(el)).to.equal(viewport(el));
  });

  it('pages, jumps home and end, and keeps focus in the log through filtering and clearing', async () => {
    const el = await fixture<LogConsole>(html`<log-console style="--log-console-height: 420px"></log-console>`);
    el.append(lines(2000));
    await el.updateComplete;
    await frame();
    viewport(el).focus();
    await press('ArrowDown');
    await waitUntil(() => focusedRow(el), 'a line has focus');
    // ↓ from the log itself: the first line in view.
    const num = () => Number(/\d+/.exec(focusedText(el) ?? '')?.[0]);
    const start = num();
    expect(start).to.be.within(1975, 1995);
    expect(fullyInView(el, focusedRow(el)!)).to.equal(true);
    await press('PageUp');
    await waitUntil(() => num() !== start, 'PageUp moved');
    expect(start - num(), 'PageUp moves by about a view').to.be.within(5, 20);
    expect(fullyInView(el, focusedRow(el)!)).to.equal(true);
    await press('Home');
    await waitUntil(() => focusedText(el) === 'line 1', 'Home: the first line');
    expect(fullyInView(el, focusedRow(el)!), 'the first line is scrolled fully into view').to.equal(true);
    await press('PageDown');
    await waitUntil(() => focusedText(el) !== 'line 1', 'PageDown moved');
    expect(fullyInView(el, focusedRow(el)!)).to.equal(true);
    // A filter that hides the focused line: focus stays in the log.
    const before = focusedText(el);
    el.filter = '-/^line \\d$/ -/^line 1\\d$/';
    await el.updateComplete;
    await frame();
    await frame();
    expect(document.activeElement).to.equal(el);
    const now = focused(el);
    expect(now === viewport(el) || !!focusedRow(el), `focus in the log after filtering (was ${before})`).to.equal(true);
    if (focusedRow(el)) expect(focusedText(el)).not.to.match(/^line 1?\d$/);
    // End follows the tail again, focus on the log itself.
    await press('End');
    await el.updateComplete;
    await frame();
    expect(el.isFollowing).to.equal(true);
    expect(focused(el)).to.equal(viewport(el));
    // Clear disables itself: focus goes to the log, not to <body>.
    const clear = root(el).querySelector<HTMLButtonElement>('button[title="Clear the console"]')!;
    clear.focus();
    await press('Enter');
    await el.updateComplete;
    await frame();
    expect(el.size).to.equal(0);
    expect(document.activeElement).to.equal(el);
    expect(focused(el)).to.equal(viewport(el));
  });

  it('with wrap on, arrows keep the focused line fully in view', async () => {
    const el = await fixture<LogConsole>(html`<log-console wrap style="--log-console-height: 300px"></log-console>`);
    el.append(Array.from({ length: 300 }, (_, k) => ({ ...line(k + 1), text: `line ${k + 1} ` + 'long words '.repeat(k % 7 === 0 ? 40 : 1) })));
    await el.updateComplete;
    await frame();
    viewport(el).focus();
    await press('ArrowDown');
    await waitUntil(() => focusedRow(el), 'a line has focus');
    const start = Number(/\d+/.exec(focusedText(el)!)![0]);
    for (let i = 0; i < 25; i++) {
      const was = focusedText(el);
      await press('ArrowUp');
      await waitUntil(() => focusedText(el) !== was, `ArrowUp from ${was}`);
      await frame();
      expect(fullyInView(el, focusedRow(el)!) || focusedRow(el)!.getBoundingClientRect().height > 300, `${focusedText(el)!.slice(0, 9)} fully in view`).to.equal(true);
    }
    expect(focusedText(el)!.startsWith(`line ${start - 25} `)).to.equal(true);
  });

  it("the filter's aria-describedby names its error only while there is one", async () => {
    const el = await fixture<LogConsole>(html`<log-console></log-console>`);
    const input = root(el).querySelector<HTMLInputElement>('input[part=filter]')!;
    const described = () => {
      const id = input.getAttribute('aria-describedby');
      return id === null ? null : root(el).getElementById(id);
    };
    expect(input.hasAttribute('aria-describedby'), 'no error: nothing to point at').to.equal(false);
    el.filter = '/(/';
    await el.updateComplete;
    expect(described()?.textContent).to.match(/regular expression|regex|Invalid/i);
    el.filter = 'ok';
    await el.updateComplete;
    expect(input.hasAttribute('aria-describedby')).to.equal(false);
  });

  it('nothing moves under prefers-reduced-motion: reduce (the loading skeleton shimmers otherwise)', async () => {
    // A stand-in hub whose stream never answers (this is about CSS, not the network): loading stays.
    const hub = { logs: () => ({ batches$: NEVER, status$: NEVER }) } as unknown as HubLike;
    const el = await fixture<LogConsole>(html`<log-console .hub=${hub} streams="scheduler"></log-console>`);
    await el.updateComplete;
    const skeleton = root(el).querySelector('.skeleton');
    expect(skeleton, 'the loading skeleton').to.be.ok;
    expect(root(el).getAnimations().length, 'it shimmers normally (the check can see motion)').to.be.above(0);
    await emulateMedia({ reducedMotion: 'reduce' });
    await frame();
    expect(root(el).getAnimations(), 'no animation with reduced motion').to.deep.equal([]);
  });

  it('a reconnect is announced once: the countdown to the next try is outside the live region', async () => {
    // A stand-in hub (a reconnect with a retry time, after lines were shown) — what matters is the markup.
    const status: SourceStatus = {
      key: 'x', state: 'reconnecting', reason: 'connection reset', lastEventAt: null, retryAt: Date.now() + 9000,
      counters: { events: 1, malformed: 0, reconnects: 1, dropped: 0 }, refreshing: false, role: 'solo',
    };
    const hub = { logs: () => ({ batches$: of({ events: lines(3) }), status$: of(status) }) } as unknown as HubLike;
    const el = await fixture<LogConsole>(html`<log-console .hub=${hub} streams="scheduler"></log-console>`);
    await waitUntil(() => root(el).querySelector('.banner'), 'the reconnect banner');
    const region = root(el).querySelector('.banner [role=status], .banner[role=status]')!;
    expect(region.textContent).to.match(/Reconnecting/).and.match(/connection reset/);
    expect(region.textContent, 'the ticking countdown is not in the live region').not.to.match(/next try/);
    expect(root(el).querySelector('.banner')!.textContent, 'it is shown').to.match(/next try in \d+ s/);
  });
});
