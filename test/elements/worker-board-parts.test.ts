// <worker-board>'s dense table is a lazy part (worker-board.table.ts, loaded when the table view
// is first shown): a skeleton until it arrives, then the table; if it cannot be loaded (the
// server gone), the workers still shown, as cards. Parts held back or failed by name at the one
// load seam (test/helpers/lazy-parts.ts).
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/worker-board/worker-board.define.js';
import type { WorkerBoard } from '../../src/elements/worker-board/worker-board.js';
import type { WorkerInfo } from '../../src/streams/models.js';
import { failPart, holdPart, restoreParts } from '../helpers/lazy-parts.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';
import { T0, sampleWorker } from '../helpers/workers.js';

const worker = (id: string): WorkerInfo => sampleWorker(id);
const workers = ['w-a', 'w-b', 'w-c'].map(worker);
const root = (el: WorkerBoard) => el.shadowRoot!;
const tableRows = (el: WorkerBoard) => root(el).querySelectorAll('[part="table"] [role="row"][data-worker-id]');
const shownIds = (el: WorkerBoard) => [...root(el).querySelectorAll<HTMLElement>('[data-worker-id]')].map((e) => e.dataset.workerId);

describe('<worker-board> table part', () => {
  let sb: Sandbox | null = null;
  afterEach(async () => {
    restoreParts();
    await sb?.dispose();
    sb = null;
  });

  it('shows a skeleton while the table loads, then the table with every worker', async () => {
    const gate = holdPart('worker-board.table');
    const el = await fixture<WorkerBoard>(html`<worker-board .workers=${workers} .now=${T0 + 1000}></worker-board>`);
    await waitUntil(() => shownIds(el).length === 3, 'cards drawn');
    expect(gate.asked, 'the table is not loaded with the cards').to.equal(0);
    const tableBtn = [...root(el).querySelectorAll<HTMLButtonElement>('.segmented button')].find((b) => b.textContent === 'Table')!;
    tableBtn.click();
    await waitUntil(() => gate.asked === 1, 'the table asked for');
    await el.requestUpdate();
    const skeleton = root(el).querySelector('[role="status"][aria-label="Loading workers"]');
    expect(skeleton, 'a skeleton in the table’s place').to.not.equal(null);
    expect(tableRows(el).length).to.equal(0);
    gate.release();
    await waitUntil(() => tableRows(el).length === 3, 'the table arrives with its rows');
    expect(root(el).querySelector('[aria-label="Loading workers"]')).to.equal(null);
    // Its styles came with it: the rows are a grid of nine columns.
    const row = tableRows(el)[0] as HTMLElement;
    expect(getComputedStyle(row).display).to.equal('grid');
    expect(getComputedStyle(row).gridTemplateColumns.split(' ').length).to.equal(9);
  });

  it('still shows the workers, as cards, when the table cannot be loaded', async () => {
    failPart('worker-board.table');
    const el = await fixture<WorkerBoard>(html`<worker-board .workers=${workers} .now=${T0 + 1000} view="table"></worker-board>`);
    await waitUntil(() => shownIds(el).length === 3, 'the workers shown');
    expect(tableRows(el).length).to.equal(0);
    expect(root(el).querySelectorAll('article.card').length).to.equal(3);
    expect(root(el).querySelector('[aria-label="Loading workers"]')).to.equal(null);
  });

  it('with view="table" from the start, asks for the table when connected, before the workers arrive', async () => {
    sb = await createSandbox({ seed: 3 });
    const gate = holdPart('worker-board.table');
    const el = document.createElement('worker-board') as WorkerBoard;
    el.setAttribute('base-url', sb.url);
    el.setAttribute('view', 'table');
    document.body.append(el);
    try {
      // Connected, nothing rendered and no feed data yet: the table is already on its way
      // (before, it was asked for only when the first workers rendered, a skeleton until then).
      expect(gate.asked, 'the table asked for on connect').to.equal(1);
      expect(shownIds(el)).to.deep.equal([]);
      gate.release();
      await waitUntil(() => tableRows(el).length > 0, 'the table with the sandbox’s workers', { timeout: 15000 });
      expect(root(el).querySelector('[aria-label="Loading workers"]')).to.equal(null);
      expect(gate.asked, 'loaded once').to.equal(1);
    } finally {
      el.remove();
    }
  });

  it('with view="table" from the start and the table unreachable, shows the sandbox’s workers as cards', async () => {
    sb = await createSandbox({ seed: 3 });
    failPart('worker-board.table');
    const el = await fixture<WorkerBoard>(html`<worker-board base-url=${sb.url} view="table"></worker-board>`);
    await waitUntil(() => shownIds(el).length > 0, 'the workers shown', { timeout: 15000 });
    expect(tableRows(el).length).to.equal(0);
    expect(root(el).querySelectorAll('article.card').length).to.equal(shownIds(el).length);
    expect(root(el).querySelector('[aria-label="Loading workers"]')).to.equal(null);
  });
});
