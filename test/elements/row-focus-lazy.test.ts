// The row keyboard loads on the first focus in a list (shared/row-focus.keys.ts and the
// elements' own key chunks); until it arrives, shared/row-focus-controller.ts keeps the events.
// Here, in real elements with real key presses, the load is held back by its part's name
// (test/helpers/lazy-parts.ts: so the keys surely arrive before it, not by timing luck) or
// made to fail the way a dynamic import fails when the server has gone away.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/worker-board/worker-board.define.js';
import '../../src/elements/log-console/log-console.define.js';
import type { WorkerBoard } from '../../src/elements/worker-board/worker-board.js';
import type { LogConsole } from '../../src/elements/log-console/log-console.js';
import type { WorkerInfo } from '../../src/streams/models.js';
import type { RowFocusController } from '../../src/elements/shared/row-focus-controller.js';
import { holdPart, restoreParts } from '../helpers/lazy-parts.js';

const T0 = 1_800_000_000_000;
const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
const worker = (id: string): WorkerInfo => ({
  id,
  status: 'idle',
  subStatus: null,
  metrics: { cpu: 0.1, memory: null, disk: null, network: null },
  actions: [],
  lastHeartbeat: T0,
  platform: { OSFamily: 'linux', ISA: 'x86-64' },
});

/** The worker cards' key handling (shared/row-focus.keys.ts) and the log's (log-console/log-focus.keys.ts). */
const ROW_KEYS = 'row-focus.keys';
const LOG_KEYS = 'log-focus.keys';

/** Errors the page reported (an uncaught exception or an unhandled rejection): there must be none. */
const errors: string[] = [];
const onError = (e: ErrorEvent) => errors.push(String(e.message));
const onRejection = (e: PromiseRejectionEvent) => errors.push(String(e.reason));

async function board(): Promise<WorkerBoard> {
  const el = await fixture<WorkerBoard>(
    html`<worker-board style="width: 1100px" .now=${T0} .workers=${['w-1', 'w-2', 'w-3', 'w-4', 'w-5', 'w-6'].map(worker)}></worker-board>`,
  );
  await el.updateComplete;
  await frame();
  return el;
}
const idButton = (el: WorkerBoard, id: string) => el.shadowRoot!.querySelector<HTMLElement>(`[data-worker-id="${id}"] .wid`)!;
const focusedId = (el: WorkerBoard) => (el.shadowRoot!.activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-worker-id]')?.dataset.workerId ?? null;
const loaded = (el: WorkerBoard) => (el as unknown as { rowFocus: RowFocusController<string> }).rowFocus.value !== null;

describe('row keyboard loaded on first focus', () => {
  beforeEach(() => {
    errors.length = 0;
    window.addEventListener('error', onError);
    window.addEventListener('unhandledrejection', onRejection);
  });
  afterEach(() => {
    restoreParts();
    window.removeEventListener('error', onError);
    window.removeEventListener('unhandledrejection', onRejection);
  });

  it('keys pressed before it arrives are replayed in order once it does (worker cards: its own arrows and the shared Home/End)', async () => {
    const el = await board();
    const keys = holdPart(ROW_KEYS);
    idButton(el, 'w-1').focus();
    // Right ×2, End, Home, Right ×3, Left: only the right order ends on w-3 (the cards' arrows read the active row).
    for (const key of ['ArrowRight', 'ArrowRight', 'End', 'Home', 'ArrowRight', 'ArrowRight', 'ArrowRight', 'ArrowLeft']) await sendKeys({ press: key });
    await frame();
    expect(loaded(el), 'the key handling is still held back').to.equal(false);
    expect(focusedId(el), 'nothing moved yet (and no key ran early)').to.equal('w-1');
    let settled = false;
    void el.updateComplete.then(() => (settled = true));
    await frame();
    expect(settled, 'updateComplete waits for the key handling the kept keys need').to.equal(false);
    keys.release();
    await el.updateComplete;
    await waitUntil(() => focusedId(el) === 'w-3', `the kept keys, in order, end on w-3 (focus on ${focusedId(el)})`);
    expect(loaded(el)).to.equal(true);
    // From now on keys are handled at once.
    await sendKeys({ press: 'End' });
    await waitUntil(() => focusedId(el) === 'w-6', 'End: the last worker');
    expect(idButton(el, 'w-6').tabIndex, 'the active worker is the Tab stop').to.equal(0);
    expect(errors).to.deep.equal([]);
  });

  it('the log: keys kept while its key chunk loads land where they would have (Home, then ↓ ↓: line 3)', async () => {
    const el = await fixture<LogConsole>(html`<log-console style="--log-console-height: 400px"></log-console>`);
    el.append(Array.from({ length: 500 }, (_, k) => ({ id: k + 1, time: T0 + k, level: 'info' as const, source: 'app', text: `line ${k + 1}` })));
    await el.updateComplete;
    await frame();
    const keys = holdPart(LOG_KEYS);
    const viewport = el.shadowRoot!.querySelector<HTMLElement>('.viewport')!;
    viewport.focus();
    for (const key of ['Home', 'ArrowDown', 'ArrowDown']) await sendKeys({ press: key });
    await frame();
    expect(el.shadowRoot!.activeElement, 'still on the log itself').to.equal(viewport);
    expect(el.isFollowing, 'a move holds the log still at once, before the key handling is here').to.equal(false);
    keys.release();
    const focusedText = () => (el.shadowRoot!.activeElement as HTMLElement | null)?.closest('.row[data-seq]')?.querySelector('.msg')?.textContent;
    await waitUntil(() => focusedText() === 'line 3', `on line 3 (now ${focusedText()})`);
    expect(errors).to.deep.equal([]);
  });

  it('if it cannot load (server gone): kept keys are dropped without an error, focus stays, keys are the browser’s, and the next focus tries again', async () => {
    const el = await board();
    const keys = holdPart(ROW_KEYS);
    idButton(el, 'w-2').focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'ArrowRight' });
    keys.fail();
    await el.updateComplete; // resolves (does not hang or throw) when the part it waited for failed
    await frame();
    expect(focusedId(el), 'focus stays where the user put it').to.equal('w-2');
    expect(document.activeElement).to.equal(el);
    // Still failing (a failed gate fails every later load): keys do nothing harmful (no error, focus kept), the Tab stop is still there.
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    await frame();
    expect(focusedId(el)).to.equal('w-2');
    expect(el.shadowRoot!.querySelectorAll('.wid[tabindex="0"]').length, 'one Tab stop').to.equal(1);
    expect(errors, 'nothing thrown, no unhandled rejection').to.deep.equal([]);
    // The server is back: the next focus in the list loads it, and keys work.
    restoreParts();
    el.shadowRoot!.querySelector<HTMLElement>('input[type="search"]')!.focus();
    const visited: (string | null)[] = [];
    const onFocus = () => visited.push(focusedId(el));
    el.shadowRoot!.addEventListener('focusin', onFocus);
    idButton(el, 'w-2').focus();
    await waitUntil(() => loaded(el), 'loaded on the next focus');
    await el.updateComplete;
    await frame();
    el.shadowRoot!.removeEventListener('focusin', onFocus);
    // The keys pressed while it could not load were dropped, not replayed now (focus would run off to other cards).
    expect(visited, 'focus stays on the card focused').to.deep.equal(['w-2']);
    await sendKeys({ press: 'ArrowRight' });
    await waitUntil(() => focusedId(el) === 'w-3', 'ArrowRight: the next card');
    expect(errors).to.deep.equal([]);
  });
});
