/** Benchmark page for <rollout-table>: 100,000 generated rollouts given by property. */
import '../../src/elements/rollout-table/rollout-table.define.js';
import type { RolloutTable } from '../../src/elements/rollout-table/rollout-table.js';
import type { Attempt, Rollout } from '../../src/streams/agl.js';

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

async function timed(el: RolloutTable, act: () => void): Promise<number> {
  await frame();
  const t0 = performance.now();
  act();
  await el.updateComplete;
  return performance.now() - t0;
}

(window as unknown as { runBench: (n: number) => Promise<Record<string, number>> }).runBench = async (n: number) => {
  const { rollouts, attempts } = generate(n);
  const el = document.createElement('rollout-table');
  el.now = NOW * 1000;
  el.attempts = attempts;
  document.body.append(el);
  await el.updateComplete;
  const root = el.shadowRoot!;
  const out: Record<string, number> = {};
  out.firstRender = await timed(el, () => (el.rollouts = rollouts));
  const sort = (col: string) => root.querySelector<HTMLButtonElement>(`button.sort[data-column="${col}"]`)!.click();
  out.sortNumber = await timed(el, () => sort('duration'));
  out.sortNumberAgain = await timed(el, () => sort('duration'));
  out.sortText = await timed(el, () => sort('rollout'));
  out.sortTextCategorical = await timed(el, () => sort('worker'));
  sort('start');
  await el.updateComplete;
  out.filter = await timed(el, () => {
    const box = [...root.querySelectorAll<HTMLLabelElement>('details[data-filter="status"] label.option')].find((l) => l.textContent!.includes('succeeded'))!.querySelector('input')!;
    box.click();
  });
  const search = root.querySelector<HTMLInputElement>('input[type="search"]')!;
  out.searchKeystroke = await timed(el, () => {
    search.value = 'a';
    search.dispatchEvent(new Event('input'));
    // Apply now instead of after the debounce: the measured work is the search itself.
    search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
  });
  out.searchInputEventOnly = await timed(el, () => {
    search.value = 'ab';
    search.dispatchEvent(new Event('input'));
  });
  search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
  await el.updateComplete;
  out.pageChange = await timed(el, () => root.querySelector<HTMLButtonElement>('button[aria-label="Next page"]')!.click());
  out.expand = await timed(el, () => root.querySelector<HTMLButtonElement>('button.expander')!.click());
  out.domNodesInTable = root.querySelectorAll('*').length;
  out.rowsShown = root.querySelectorAll('tbody tr').length;
  return out;
};
document.body.dataset.ready = '1';
