/** Benchmark page for <rollout-table>: 100,000 generated rollouts given by property. */
import '../../src/elements/rollout-table/rollout-table.define.js';
import type { RolloutTable } from '../../src/elements/rollout-table/rollout-table.js';
import { RolloutModel } from '../../src/elements/rollout-table/rollout-model.js';
import { installStringOrder } from '../../src/elements/rollout-table/column-order.js';
import { packedStringOrder } from '../../src/elements/rollout-table/string-order.js';
import type { Attempt, Rollout } from '../../src/streams/agl.js';

// The model steps below time the packed string order (a table installs it with its rare part).
installStringOrder(packedStringOrder);

const STATUSES = ['succeeded', 'succeeded', 'succeeded', 'failed', 'running', 'queuing', 'cancelled', 'requeuing', 'preparing'] as const;
const MODES = ['train', 'train', 'val', 'test', null] as const;
const NOW = 1763900000;

function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}
const hex = (r: () => number, n: number) => Array.from({ length: n }, () => Math.floor(r() * 16).toString(16)).join('');

function generate(n: number): { rollouts: Rollout[]; attempts: Record<string, Attempt[]> } {
  const r = rng(7);
  const rollouts: Rollout[] = [];
  const attempts: Record<string, Attempt[]> = {};
  for (let i = 0; i < n; i++) {
    const id = `ro-${hex(r, 12)}`;
    const status = STATUSES[Math.floor(r() * STATUSES.length)];
    const start = NOW - r() * 86400 * 7;
    const done = status === 'succeeded' || status === 'failed' || status === 'cancelled';
    const ro: Rollout = {
      rollout_id: id,
      input: { question: `Question number ${i} about ${hex(r, 6)}`, index: i },
      start_time: start,
      end_time: done ? start + r() * 600 : null,
      mode: MODES[Math.floor(r() * MODES.length)],
      resources_id: `rs-${hex(r, 4)}`,
      status,
      config: { timeout_seconds: 300, unresponsive_seconds: 60, max_attempts: 3, retry_condition: ['failed'] },
      metadata: null,
    };
    if (status !== 'queuing') {
      const seqs = 1 + Math.floor(r() * 3);
      const list: Attempt[] = [];
      for (let s = 1; s <= seqs; s++) {
        const as = start + (s - 1) * 100;
        list.push({
          rollout_id: id,
          attempt_id: `at-${hex(r, 8)}`,
          sequence_id: s,
          start_time: as,
          end_time: s < seqs || done ? as + r() * 90 : null,
          status: s < seqs ? 'failed' : status === 'running' ? 'running' : status === 'failed' ? 'failed' : 'succeeded',
          worker_id: `worker-${Math.floor(r() * 64)}`,
          last_heartbeat_time: as + r() * 80,
          metadata: null,
        });
      }
      ro.attempt = list[list.length - 1];
      attempts[id] = list;
    }
    rollouts.push(ro);
  }
  return { rollouts, attempts };
}

const frame = () => new Promise<void>((res) => requestAnimationFrame(() => res()));
/** Resolves after the next frame has been rendered: rAF runs before style/layout/paint, the message after them. */
const nextPaint = () =>
  new Promise<void>((res) =>
    requestAnimationFrame(() => {
      const ch = new MessageChannel();
      ch.port1.onmessage = () => res();
      ch.port2.postMessage(0);
    }),
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Timing = { paint: number; update: number; model: number; render: number };
/** Split an action's cost: willUpdate (model), update (Lit render + DOM commit), to updateComplete, to the painted frame. */
function instrument(el: RolloutTable) {
  const anyEl = el as unknown as Record<string, (...a: unknown[]) => unknown>;
  const acc = { model: 0, render: 0 };
  for (const [name, slot] of [
    ['willUpdate', 'model'],
    ['update', 'render'],
  ] as const) {
    const orig = anyEl[name].bind(el);
    anyEl[name] = (...a: unknown[]) => {
      const t = performance.now();
      try {
        return orig(...a);
      } finally {
        acc[slot] += performance.now() - t;
      }
    };
  }
  return acc;
}

async function timed(el: RolloutTable, acc: { model: number; render: number }, act: () => void): Promise<Timing> {
  await nextPaint();
  acc.model = 0;
  acc.render = 0;
  const t0 = performance.now();
  act();
  await el.updateComplete;
  const t1 = performance.now();
  await nextPaint();
  const t2 = performance.now();
  return { paint: t2 - t0, update: t1 - t0, model: acc.model, render: acc.render };
}

function modelTimings(rollouts: Rollout[]): Record<string, number> {
  const out: Record<string, number> = {};
  const t = (k: string, f: () => unknown) => {
    const t0 = performance.now();
    f();
    out[k] = performance.now() - t0;
  };
  const none = { statuses: new Set<string>(), modes: new Set<string>(), search: '' };
  let m!: RolloutModel;
  t('construct', () => (m = new RolloutModel(rollouts, NOW * 1000)));
  t('sortNumberCold', () => m.order({ column: 'duration', dir: 'asc' }));
  t('sortNumberDesc', () => m.order({ column: 'duration', dir: 'desc' }));
  t('sortTextCold', () => m.order({ column: 'rollout', dir: 'asc' }));
  t('sortTextDesc', () => m.order({ column: 'rollout', dir: 'desc' }));
  t('sortInputCold', () => m.order({ column: 'input', dir: 'asc' }));
  t('sortWorkerCold', () => m.order({ column: 'worker', dir: 'asc' }));
  const o = m.order({ column: 'start', dir: 'desc' });
  m.filter(o, { ...none, statuses: new Set(['failed']) });
  t('filterStatus', () => m.filter(o, { ...none, statuses: new Set(['succeeded']) }));
  t('filterStatusMode', () => m.filter(o, { ...none, statuses: new Set(['succeeded']), modes: new Set(['train']) }));
  t('searchFirst', () => m.filter(o, { ...none, search: 'a' }));
  t('searchNext', () => m.filter(o, { ...none, search: 'ab' }));
  t('searchFiltered', () => m.filter(m.order({ column: 'rollout', dir: 'asc' }), { ...none, statuses: new Set(['succeeded']), search: 'ab1' }));
  return out;
}

type Bench = { runBench: (n: number) => Promise<Record<string, number>>; runModel: (n: number) => Promise<Record<string, number>> };
const w = window as unknown as Bench;

w.runModel = async (n: number) => {
  const { rollouts } = generate(n);
  await sleep(50);
  return modelTimings(rollouts);
};

w.runBench = async (n: number) => {
  const { rollouts, attempts } = generate(n);
  const el = document.createElement('rollout-table');
  el.now = NOW * 1000;
  el.attempts = attempts;
  document.body.append(el);
  await el.updateComplete;
  const acc = instrument(el);
  const root = el.shadowRoot!;
  const out: Record<string, number> = {};
  const rec = (name: string, t: Timing) => {
    out[name] = t.paint;
    out[`${name}.update`] = t.update;
    out[`${name}.model`] = t.model;
    out[`${name}.render`] = t.render;
  };
  rec('firstRender', await timed(el, acc, () => (el.rollouts = rollouts)));
  // A frame with nothing to do, right after the load (while idle time prepares the columns).
  rec('emptyFrameAfterLoad', await timed(el, acc, () => {}));
  const sort = (col: string) => root.querySelector<HTMLButtonElement>(`button.sort[data-column="${col}"]`)!.click();
  // Right after the first paint: whatever the element has not prepared yet is paid here.
  rec('sortNumberCold', await timed(el, acc, () => sort('duration')));
  rec('sortTextCold', await timed(el, acc, () => sort('rollout')));
  // A person reads the first page before sorting: give the element 2 s of idle time.
  const t0 = performance.now();
  await sleep(2000);
  out.idleWaitMs = performance.now() - t0;
  out.ranksReady = (el as unknown as { ranksReady?: boolean }).ranksReady ? 1 : 0;
  // The noise floor: a frame with nothing to do (scheduling and compositing on this machine).
  rec('emptyFrame', await timed(el, acc, () => {}));
  rec('sortNumber', await timed(el, acc, () => sort('heartbeat')));
  rec('sortNumberDesc', await timed(el, acc, () => sort('heartbeat')));
  rec('sortText', await timed(el, acc, () => sort('input')));
  rec('sortTextDesc', await timed(el, acc, () => sort('input')));
  rec('sortTextCategorical', await timed(el, acc, () => sort('worker')));
  sort('start');
  await el.updateComplete;
  await nextPaint();
  const option = (which: string, label: string) =>
    [...root.querySelectorAll<HTMLLabelElement>(`details[data-filter="${which}"] label.option`)].find((l) => l.textContent!.includes(label))!.querySelector('input')!;
  rec('filter', await timed(el, acc, () => option('status', 'succeeded').click()));
  rec('filterSecond', await timed(el, acc, () => option('mode', 'train').click()));
  const search = root.querySelector<HTMLInputElement>('input[type="search"]')!;
  const type = (v: string) => {
    search.value = v;
    search.dispatchEvent(new Event('input'));
  };
  // One keystroke: the input event (debounced) and then the debounced search itself.
  rec('searchInputEvent', await timed(el, acc, () => type('a')));
  rec('searchKeystroke', await timed(el, acc, () => search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }))));
  type('ab');
  rec('searchKeystroke2', await timed(el, acc, () => search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }))));
  // Page changes over the whole data: clear the filters first.
  root.querySelector<HTMLButtonElement>('.toolbar button.link')!.click();
  await el.updateComplete;
  await nextPaint();
  const next = () => root.querySelector<HTMLButtonElement>('button[aria-label="Next page"]')!.click();
  rec('pageChange', await timed(el, acc, next));
  rec('pageChange2', await timed(el, acc, next));
  rec('expand', await timed(el, acc, () => root.querySelector<HTMLButtonElement>('button.expander')!.click()));
  rec('collapse', await timed(el, acc, () => root.querySelector<HTMLButtonElement>('button.expander[aria-expanded="true"]')!.click()));
  out.domNodesInTable = root.querySelectorAll('*').length;
  out.rowsShown = root.querySelectorAll('tbody tr').length;
  el.remove();
  return out;
};
document.body.dataset.ready = '1';
