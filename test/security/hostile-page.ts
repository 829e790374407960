/**
 * Page for the published-corpus test (test/e2e/csp.test.ts, issue 20): every element, each in
 * a 900 px container, under a strict CSP (no inline script). The wire elements read the
 * sandbox in `?base=` (the test injects the corpus there); the elements that also take data by
 * property (rollout-table, trace-view, resources-view, json-view, connection-status) get the
 * corpus in every field here, because the reference server cannot inject Agent-lightning data.
 * `window.__fill()` does that; the test then measures.
 */
import '../../src/all.js';
import { CORPUS } from '../fixtures/blns.js';
import { ABSURD_NUMBERS } from '../fixtures/hostile.js';

const base = new URLSearchParams(location.search).get('base')!;
const WIDTH = 900;

// Built with createElement: the page itself must not use an HTML sink (Trusted Types would refuse it).
function make(tag: string, attrs: Record<string, string> = {}): HTMLElement {
  const box = document.createElement('section');
  box.className = 'container';
  box.dataset.for = tag;
  box.style.width = `${WIDTH}px`;
  box.style.marginBottom = '16px';
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  box.append(el);
  document.body.append(box);
  return el;
}

make('live-activity', { 'base-url': base, style: '--live-activity-height: 400px' });
make('live-activity', { feed: 'tasks', 'base-url': base, style: '--live-activity-height: 300px' });
make('worker-board', { 'base-url': base });
make('worker-board', { 'base-url': base, view: 'table' });
make('storage-overview', { 'base-url': base });
make('client-list', { 'base-url': base });
make('log-console', { 'base-url': base, streams: 'scheduler', style: '--log-console-height: 300px' });
const rollouts = make('rollout-table') as any;
const traces = make('trace-view') as any;
const resources = make('resources-view') as any;
const json = make('json-view') as any;
const status = make('connection-status', { 'show-server': '' }) as any;
make('settings-panel');

const T = 1_763_900_000;
function rollout(i: number, s: string, n = T + i) {
  const id = `ro-${i}-${s.slice(0, 40)}`;
  return {
    rollout_id: id,
    input: { prompt: s },
    start_time: n,
    end_time: null,
    mode: 'train',
    resources_id: s,
    status: 'running',
    config: { timeout_seconds: null, unresponsive_seconds: null, max_attempts: 3, retry_condition: ['failed'] },
    metadata: { [s.slice(0, 200)]: s },
    attempt: { rollout_id: id, attempt_id: `at-${i}`, sequence_id: 1, start_time: n, end_time: null, status: 'running', worker_id: s, last_heartbeat_time: null, metadata: { note: s } },
  };
}
function span(i: number, s: string, parent: string | null, start = T + i / 10) {
  return {
    rollout_id: 'ro-0',
    attempt_id: 'at-0',
    sequence_id: i,
    trace_id: 't',
    span_id: `s${i}`,
    parent_id: parent,
    name: s,
    status: { status_code: 'ERROR', description: s },
    attributes: { [s.slice(0, 200)]: s, 'gen_ai.prompt': s },
    events: [{ name: s, attributes: { message: s } }],
    links: [],
    start_time: start,
    end_time: start + 1,
    context: {},
    parent: null,
    resource: { attributes: { 'service.name': s } },
  };
}

(window as any).__fill = () => {
  rollouts.rollouts = [...CORPUS.map((s, i) => rollout(i, s)), ...ABSURD_NUMBERS.map((n, i) => rollout(1000 + i, `numbers ${i}`, n))];
  rollouts.attempts = { [rollouts.rollouts[0].rollout_id]: CORPUS.slice(0, 50).map((s, i) => ({ ...rollout(0, s).attempt, sequence_id: i, attempt_id: `${s.slice(0, 50)}${i}` })) };
  traces.rollouts = [rollout(0, CORPUS[0]!)];
  traces.attempts = [rollout(0, CORPUS[0]!).attempt];
  traces.spans = [span(0, 'root', null), ...CORPUS.map((s, i) => span(i + 1, s, 's0')), ...ABSURD_NUMBERS.map((n, i) => span(2000 + i, `numbers ${i}`, 's0', n))];
  resources.snapshots = CORPUS.map((s, i) => ({
    resources_id: `${s.slice(0, 200)}-${i}`,
    create_time: T + i,
    update_time: T + i,
    version: i,
    resources: {
      [s.slice(0, 200)]: { resource_type: 'llm', endpoint: s, model: s, sampling_parameters: { temperature: s } },
      tpl: { resource_type: 'prompt_template', template: s, engine: s },
    },
  }));
  json.value = Object.fromEntries(CORPUS.map((s, i) => [s, `${s}${i}`]));
  status.statuses = CORPUS.map((s, i) => ({
    key: `${s}#${i}`,
    state: (['connecting', 'live', 'polling', 'reconnecting', 'offline', 'error'] as const)[i % 6],
    reason: s,
    lastEventAt: ABSURD_NUMBERS[i % ABSURD_NUMBERS.length],
    retryAt: ABSURD_NUMBERS[(i + 1) % ABSURD_NUMBERS.length],
    counters: { events: ABSURD_NUMBERS[i % ABSURD_NUMBERS.length], malformed: -1, reconnects: 1e308, dropped: Number.MAX_SAFE_INTEGER + 2 },
    refreshing: false,
    role: 'solo',
    firstUnreadable: s,
    lastReset: s,
  }));
  status.now = T * 1000;
};
(window as any).__ready = true;
