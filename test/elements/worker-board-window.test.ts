// <worker-board> on the shared window (shared/window/, page mode): 1,000 workers in an app's
// scroller (as the demo dashboard's <main> holds it) draw a screenful of cards that follow that
// scroller, the keyboard reaches workers not drawn, expanding a worker's tree makes its row
// taller (rows are measured) without overlapping the next, filtering after a far scroll draws
// the matches, and the state kept per worker (tree expansion, tree focus) is dropped when the
// worker leaves, so it stays bounded as workers come and go.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/elements/worker-board/worker-board.define.js';
import type { WorkerBoard } from '../../src/elements/worker-board/worker-board.js';
import type { WorkerInfo } from '../../src/streams/models.js';

const T0 = 1_800_000_000_000;

function worker(i: number, actions = 0): WorkerInfo {
  const id = `w-${String(i).padStart(4, '0')}`;
  return {
    id,
    status: actions ? 'working' : 'idle',
    subStatus: actions ? 'executing' : null,
    metrics: { cpu: (i % 10) / 10, memory: null, disk: null, network: null },
    actions: Array.from({ length: actions }, (_, k) => ({ id: `${id}-a${k}`, title: `Compile //${id}:t${k}`, stage: 'executing', startedAt: T0 })),
    lastHeartbeat: T0,
    platform: { OSFamily: 'linux' },
  };
}

const root = (el: WorkerBoard) => el.shadowRoot!;
const row = (el: WorkerBoard, id: string) => root(el).querySelector<HTMLElement>(`[data-worker-id="${id}"]`);
const drawnIds = (el: WorkerBoard) => [...root(el).querySelectorAll<HTMLElement>('[data-worker-id]')].map((e) => e.dataset.workerId!);
const focusedId = (el: WorkerBoard) => (root(el).activeElement as HTMLElement | null)?.closest<HTMLElement>('[data-worker-id]')?.dataset.workerId ?? null;
const state = (el: WorkerBoard) => el as unknown as { expansion: Map<string, boolean>; treeFocus: Map<string, string> };

describe('<worker-board> windowed (shared window, page mode)', () => {
  it('1,000 workers in an app scroller: a screenful drawn, following that scroller; End / Home reach workers not drawn; a filter after a far scroll draws its matches', async () => {
    const many = Array.from({ length: 1000 }, (_, i) => worker(i, i % 3));
    const app = await fixture<HTMLElement>(html`<div style="height:500px;overflow:auto"><worker-board .workers=${many} .now=${T0 + 1000}></worker-board></div>`);
    const el = app.querySelector<WorkerBoard>('worker-board')!;
    await waitUntil(() => row(el, 'w-0000'), 'first cards drawn');
    expect(drawnIds(el).length, 'a screenful of cards, not 1,000').to.be.below(60);
    expect(app.scrollHeight, 'the app scroller holds the whole list').to.be.above(100 * 150);
    const band = () => {
      const b = app.getBoundingClientRect();
      return { top: b.top, bottom: b.top + app.clientHeight };
    };
    const seen = (id: string) => {
      const r = row(el, id)?.getBoundingClientRect();
      return !!r && r.bottom > band().top && r.top < band().bottom;
    };
    const inBand = (id: string) => {
      const r = row(el, id)?.getBoundingClientRect();
      return !!r && r.top >= band().top - 1 && r.bottom <= band().bottom + 1;
    };
    app.scrollTop = app.scrollHeight / 2;
    await waitUntil(() => drawnIds(el).some((id) => seen(id)) && !drawnIds(el).includes('w-0000'), 'cards of the middle drawn in the view', { timeout: 5000 });
    expect(drawnIds(el).length).to.be.below(60);

    row(el, drawnIds(el).find(seen)!)!.querySelector<HTMLElement>('.wid')!.focus();
    await sendKeys({ press: 'End' });
    await waitUntil(() => focusedId(el) === 'w-0999' && inBand('w-0999'), 'End: the last worker, focused and in the scroller’s view', { timeout: 5000 });
    await sendKeys({ press: 'ArrowUp' });
    await waitUntil(() => focusedId(el) !== null && focusedId(el) !== 'w-0999', 'ArrowUp: a row of cards up', { timeout: 5000 });
    await sendKeys({ press: 'Home' });
    await waitUntil(() => focusedId(el) === 'w-0000' && inBand('w-0000'), 'Home: the first worker', { timeout: 5000 });
    expect(document.activeElement, 'focus never fell to <body>').to.equal(el);

    app.scrollTop = app.scrollHeight; // far down, then a filter that leaves a few workers
    // The focused worker (w-0000) stays drawn, off screen (focus stays on it: focus-scroll.test.ts); the end is drawn.
    await waitUntil(() => drawnIds(el).some((id) => id > 'w-0900' && seen(id)), 'scrolled away');
    const early = drawnIds(el).filter((id) => id < 'w-0900');
    expect(early.includes('w-0000') && early.every((id) => id < 'w-0010'), `of the first workers only the focused one's row of cards is drawn (${early})`).to.equal(true);
    el.query = 'w-099';
    await waitUntil(() => drawnIds(el).length > 0 && drawnIds(el).every((id) => id.startsWith('w-099')), 'only matches drawn', { timeout: 5000 });
    app.scrollTop = 0;
    await waitUntil(() => inBand('w-0990'), 'the first match in view', { timeout: 5000 });
    app.scrollTop = app.scrollHeight;
    await waitUntil(() => inBand('w-0999'), 'the last match in view at the end', { timeout: 5000 });
  });

  it('expanding a worker’s tree makes its table row taller, and the rows below move down (rows are measured)', async () => {
    const el = await fixture<WorkerBoard>(html`<worker-board .workers=${Array.from({ length: 40 }, (_, i) => worker(i, 3))} .now=${T0 + 1000} view="table"></worker-board>`);
    await waitUntil(() => row(el, 'w-0001'), 'rows drawn');
    const h0 = row(el, 'w-0000')!.getBoundingClientRect().height;
    row(el, 'w-0000')!.querySelector<HTMLElement>('[aria-level="1"] .node')!.click();
    await waitUntil(() => row(el, 'w-0000')!.querySelectorAll('[aria-level="2"]').length === 3, 'the tree opened');
    await waitUntil(() => row(el, 'w-0000')!.getBoundingClientRect().height > h0 + 20, 'the row grew');
    await waitUntil(() => row(el, 'w-0001')!.getBoundingClientRect().top >= row(el, 'w-0000')!.getBoundingClientRect().bottom - 1, 'the next row below it, not under it');
  });

  it('drops tree expansion and tree focus of workers that leave (bounded as workers come and go)', async () => {
    const el = await fixture<WorkerBoard>(html`<worker-board .workers=${[worker(1, 2), worker(2, 2)]} .now=${T0 + 1000}></worker-board>`);
    await waitUntil(() => row(el, 'w-0002'), 'cards drawn');
    // The user opens an action of w-0002 and moves focus into its tree.
    const action = row(el, 'w-0002')!.querySelector<HTMLElement>('[aria-level="2"]')!;
    action.querySelector<HTMLElement>('.node')!.click();
    action.focus();
    await waitUntil(() => state(el).expansion.size > 0 && state(el).treeFocus.has('w-0002'), 'state kept for w-0002');
    // Workers come and go, each opened by the user while it is here.
    for (let round = 3; round < 23; round++) {
      el.workers = [worker(1, 2), worker(round, 2)];
      await waitUntil(() => row(el, `w-${String(round).padStart(4, '0')}`), `worker ${round} drawn`);
      row(el, `w-${String(round).padStart(4, '0')}`)!.querySelector<HTMLElement>('[aria-level="1"] .node')!.click();
      await el.updateComplete;
    }
    el.workers = [worker(1, 2)];
    await el.updateComplete;
    expect([...state(el).expansion.keys()], 'only state of workers still here').to.deep.equal([]);
    expect([...state(el).treeFocus.keys()].every((id) => id === 'w-0001')).to.equal(true);
    // An action that finished: its expansion goes too.
    row(el, 'w-0001')!.querySelector<HTMLElement>('[aria-level="2"] .node')!.click();
    await el.updateComplete;
    expect(state(el).expansion.has('w-0001/w-0001-a0')).to.equal(true);
    el.workers = [{ ...worker(1, 2), actions: worker(1, 2).actions!.slice(1) }];
    await el.updateComplete;
    expect(state(el).expansion.has('w-0001/w-0001-a0')).to.equal(false);
  });
});
