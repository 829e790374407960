import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import { createSandbox, type Sandbox } from '../helpers/server.js';
import '../../src/elements/trace-view/trace-view.define.js';
import type { TraceView } from '../../src/elements/trace-view/trace-view.js';
import { sampleAttempts, sampleRollouts, sampleSpan, sampleSpans } from '../../src/elements/trace-view/trace-samples.js';
import { layoutTrace } from '../../src/elements/trace-view/trace-data.js';
import type { Span } from '../../src/streams/agl.js';
import { createHub } from '../../src/streams/hub.js';

const root = (el: TraceView) => el.shadowRoot!;
const rows = (el: TraceView) => [...root(el).querySelectorAll<HTMLTableRowElement>('table.waterfall tbody tr')];
const rowOf = (el: TraceView, id: string) => root(el).querySelector<HTMLTableRowElement>(`tr[data-span="${id}"]`)!;
const bar = (el: TraceView, id: string) => rowOf(el, id).querySelector<HTMLElement>('[part="bar"]')!;

async function withSpans(spans: Span[] = sampleSpans(), view = 'waterfall'): Promise<TraceView> {
  return fixture<TraceView>(html`<trace-view
    view=${view}
    rollout-id="ro-0123456789ab"
    .rollouts=${sampleRollouts()}
    .attempts=${sampleAttempts()}
    .spans=${spans}
  ></trace-view>`);
}

describe('<trace-view>', () => {
  let sb: Sandbox | undefined;
  afterEach(async () => {
    document.documentElement.style.colorScheme = '';
    await sb?.dispose();
    sb = undefined;
  });

  it('in a phone-wide pane (356 px) every duration label stays inside its track ("239 ms · o" was cut)', async () => {
    // The samples, and a short span ending at 69% of the trace: its label goes after the bar.
    const el = await withSpans([...sampleSpans(), sampleSpan('a000000000000007', 'tool.call', 'a000000000000004', 3.9, 4.3)]);
    el.style.display = 'block';
    el.style.width = '356px';
    await el.updateComplete;
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const out: string[] = [];
    for (const row of rows(el)) {
      const track = row.querySelector<HTMLElement>('.track')!.getBoundingClientRect();
      const label = row.querySelector<HTMLElement>('.bar-label')!;
      const r = label.getBoundingClientRect();
      if (r.right > track.right + 0.5 || r.left < track.left - 0.5) out.push(`${row.dataset.span} "${label.textContent!.replace(/\s+/g, ' ').trim()}" ${Math.round(r.left)}-${Math.round(r.right)} in ${Math.round(track.left)}-${Math.round(track.right)}`);
    }
    expect(out).to.deep.equal([]);
  });

  it('nests spans by parent and places bars on the trace time axis', async () => {
    const el = await withSpans();
    const names = rows(el).map((r) => r.querySelector('.span-name')!.textContent!.trim());
    expect(names).to.deep.equal(['agentlightning.rollout', 'openai.chat.completion', 'tool.call', 'openai.chat.completion', 'tool.call', 'agentlightning.reward']);
    const indent = (id: string) => parseFloat(getComputedStyle(rowOf(el, id).querySelector('.name-cell')!).paddingInlineStart);
    expect(indent('a000000000000001')).to.equal(0);
    expect(indent('a000000000000002')).to.equal(16);
    expect(indent('a000000000000003')).to.equal(32);
    // The root spans the whole trace; the reward starts near its end (6.0 s of 6.2 s).
    const track = rowOf(el, 'a000000000000001').querySelector<HTMLElement>('.track')!.getBoundingClientRect();
    const rootBar = bar(el, 'a000000000000001').getBoundingClientRect();
    expect(rootBar.width).to.be.closeTo(track.width, 2);
    const reward = bar(el, 'a000000000000006').getBoundingClientRect();
    expect((reward.left - track.left) / track.width).to.be.closeTo(6.0 / 6.2, 0.01);
    // Durations as text next to the bars.
    expect(rowOf(el, 'a000000000000003').textContent).to.contain('550 ms');
    expect(rowOf(el, 'a000000000000001').textContent).to.contain('6.20 s');
  });

  it('shows status by colour and by text: an ERROR span says so', async () => {
    const el = await withSpans();
    const err = rowOf(el, 'a000000000000005');
    expect(err.dataset.status).to.equal('error');
    expect(err.textContent).to.contain('error');
    expect(bar(el, 'a000000000000005').dataset.tone).to.equal('error');
    expect(getComputedStyle(bar(el, 'a000000000000005')).backgroundColor).to.not.equal(getComputedStyle(bar(el, 'a000000000000002')).backgroundColor);
    expect(root(el).querySelector('.summary')!.textContent).to.contain('1 error');
  });

  it('collapses and expands a subtree from the keyboard', async () => {
    const el = await withSpans();
    const twisty = rowOf(el, 'a000000000000004').querySelector<HTMLButtonElement>('button.twisty')!;
    expect(twisty.getAttribute('aria-expanded')).to.equal('true');
    twisty.focus();
    twisty.click();
    await el.updateComplete;
    expect(rows(el)).to.have.length(5);
    expect(root(el).querySelector('tr[data-span="a000000000000005"]')).to.equal(null);
    expect(rowOf(el, 'a000000000000004').querySelector('button.twisty')!.getAttribute('aria-expanded')).to.equal('false');
    rowOf(el, 'a000000000000004').querySelector<HTMLButtonElement>('button.twisty')!.click();
    await el.updateComplete;
    expect(rows(el)).to.have.length(6);
  });

  it('emits span-select with the span when a span is chosen', async () => {
    const el = await withSpans();
    setTimeout(() => rowOf(el, 'a000000000000003').querySelector<HTMLButtonElement>('button.span-name')!.click());
    const ev = await oneEvent(el, 'span-select');
    expect(ev.detail.span.span_id).to.equal('a000000000000003');
    expect(ev.detail.rolloutId).to.equal('ro-0123456789ab');
    await el.updateComplete;
    expect(rowOf(el, 'a000000000000003').classList.contains('selected')).to.equal(true);
  });

  it('lists spans in a sortable table with every column', async () => {
    const el = await withSpans(sampleSpans(), 'table');
    const head = root(el).querySelector('table.spans thead')!.textContent!;
    for (const col of ['Name', 'Seq.', 'Span ID', 'Parent', 'Status', 'Start', 'End', 'Duration', 'Attributes']) expect(head).to.contain(col);
    const body = () => [...root(el).querySelectorAll('table.spans tbody tr')].map((r) => r.getAttribute('data-span'));
    expect(body()[0]).to.equal('a000000000000001');
    const durationHeader = [...root(el).querySelectorAll<HTMLButtonElement>('button.sort')].find((b) => b.textContent!.includes('Duration'))!;
    durationHeader.click();
    await el.updateComplete;
    expect(body()[0]).to.equal('a000000000000006'); // 50 ms, the shortest
    expect(durationHeader.closest('th')!.getAttribute('aria-sort')).to.equal('ascending');
    // A second click turns the order round; another column starts ascending.
    const ascending = body();
    durationHeader.click();
    await el.updateComplete;
    expect(durationHeader.closest('th')!.getAttribute('aria-sort')).to.equal('descending');
    expect(body()).to.deep.equal([...ascending].reverse());
    const nameHeader = [...root(el).querySelectorAll<HTMLButtonElement>('button.sort')].find((b) => b.textContent!.includes('Name'))!;
    nameHeader.click();
    await el.updateComplete;
    expect(nameHeader.closest('th')!.getAttribute('aria-sort')).to.equal('ascending');
    expect(durationHeader.closest('th')!.getAttribute('aria-sort')).to.equal('none');
    expect(root(el).querySelector('tr[data-span="a000000000000002"]')!.textContent).to.contain('gen_ai.request.model');
  });

  it('filters by name, id or attribute', async () => {
    const el = await withSpans(sampleSpans(), 'table');
    const input = root(el).querySelector<HTMLInputElement>('input[type="search"]')!;
    input.value = 'calculator';
    input.dispatchEvent(new Event('input'));
    await el.updateComplete;
    expect([...root(el).querySelectorAll('table.spans tbody tr')].map((r) => r.getAttribute('data-span'))).to.deep.equal(['a000000000000003']);
    el.view = 'waterfall';
    await el.updateComplete;
    expect(rows(el).filter((r) => r.classList.contains('dim-row'))).to.have.length(5);
  });

  it('keeps spans whose parent is missing, marked as orphans, and survives parent cycles', async () => {
    const spans = sampleSpans();
    spans[2] = { ...spans[2], parent_id: 'ffffffffffffffff' };
    spans.push({ ...spans[1], span_id: 'c1', parent_id: 'c2', name: 'cycle-a' }, { ...spans[1], span_id: 'c2', parent_id: 'c1', name: 'cycle-b' });
    const layout = layoutTrace(spans);
    expect(layout.rows).to.have.length(spans.length);
    const el = await withSpans(spans);
    expect(rowOf(el, 'a000000000000003').textContent).to.contain('orphan');
  });

  it('shows the empty state for an attempt without spans, and is accessible in light and dark', async () => {
    const el = await withSpans([]);
    expect(root(el).querySelector('[part="state"]')!.textContent).to.contain('No spans recorded');
    await expect(el).to.be.accessible();
    const full = await withSpans();
    await expect(full).to.be.accessible();
    document.documentElement.style.colorScheme = 'dark';
    await expect(full).to.be.accessible();
    full.view = 'table';
    await full.updateComplete;
    await expect(full).to.be.accessible();
  });

  it('reads rollouts, attempts and spans from the reference server, following the chosen rollout', async () => {
    sb = await createSandbox({ paused: true, seed: 11 });
    await sb.step(20_000);
    const list = await (await fetch(`${sb.url}/v1/agl/rollouts?limit=-1`)).json();
    const withAttempt = list.items.filter((r: any) => r.attempt);
    expect(withAttempt.length).to.be.greaterThan(1);
    const target = withAttempt[withAttempt.length - 1];
    const spans = await (await fetch(`${sb.url}/v1/agl/spans?rollout_id=${target.rollout_id}&attempt_id=${target.attempt.attempt_id}&limit=-1`)).json();
    const el = await fixture<TraceView>(html`<trace-view base-url=${sb.url}></trace-view>`);
    // With nothing chosen it picks a rollout that has an attempt, and says which.
    await waitUntil(() => root(el).querySelector<HTMLSelectElement>('select[aria-label="Rollout"]')!.value.startsWith('ro-'), 'a rollout is chosen', { timeout: 8000 });
    const select = root(el).querySelector<HTMLSelectElement>('select[aria-label="Rollout"]')!;
    select.value = target.rollout_id;
    setTimeout(() => select.dispatchEvent(new Event('change')));
    const change = await oneEvent(el, 'trace-change');
    expect(change.detail.rolloutId).to.equal(target.rollout_id);
    await waitUntil(() => rows(el).length === spans.items.length && spans.items.length > 0, `${spans.items.length} spans`, { timeout: 8000 });
    const attemptSelect = root(el).querySelector<HTMLSelectElement>('select[aria-label="Attempt"]')!;
    expect(attemptSelect.value).to.equal(target.attempt.attempt_id);
    await expect(el).to.be.accessible();
  });

  it('draws the spans it can read and lists the ones it cannot; a wrong envelope is an error', async () => {
    sb = await createSandbox({ paused: true, seed: 11 });
    await sb.step(20_000);
    const list = await (await fetch(`${sb.url}/v1/agl/rollouts?limit=-1`)).json();
    const target = list.items.filter((r: any) => r.attempt).pop();
    const spansUrl = `${sb.url}/v1/agl/spans?${new URLSearchParams({ rollout_id: target.rollout_id, attempt_id: target.attempt.attempt_id, limit: '-1' })}`;
    const env = await (await fetch(spansUrl)).json();
    expect(env.items.length).to.be.greaterThan(2);
    const badId = env.items[1].span_id;
    let body: unknown = { ...env, items: env.items.map((x: any, i: number) => (i === 1 ? { ...x, name: ['<i>not a name</i>'] } : x)) };
    // The real server's spans with one broken on the way; everything else passes through.
    const hub = createHub({
      fetch: (input: string, init?: RequestInit) =>
        input === spansUrl ? Promise.resolve(new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } })) : fetch(input, init),
    });
    const el = await fixture<TraceView>(
      html`<trace-view .hub=${hub} base-url=${sb.url} rollout-id=${target.rollout_id} attempt-id=${target.attempt.attempt_id}></trace-view>`,
    );
    await waitUntil(() => rows(el).length === env.items.length - 1, `${env.items.length - 1} spans`, { timeout: 8000 });
    expect(rowOf(el, badId)).to.equal(null);
    expect(el.matches(':state(skipped)')).to.equal(true);
    // The phase's state is on, the other phases' off (the shared phaseStates map).
    expect(['loading', 'empty', 'error', 'stale', 'live'].filter((p) => el.matches(`:state(${p})`))).to.deep.equal(['live']);
    const notice = root(el).querySelector('[part="skipped"]')!;
    expect(notice.getAttribute('role')).to.equal('status');
    expect(notice.textContent!.replace(/\s+/g, ' ')).to.contain('1 span could not be read').and.contain(`the ${env.items.length - 1} others are shown`);
    const li = notice.querySelector('li')!;
    expect(li.textContent!.replace(/\s+/g, ' ')).to.contain(`#1 · ${badId}`).and.contain('spans.items[1].name: expected a string, found an array of 1');
    // The raw JSON of the span, as text.
    expect(li.querySelector('details.skipped-raw-inline pre')!.textContent).to.contain('<i>not a name</i>');
    expect(notice.querySelector('i')).to.equal(null);
    await expect(el).to.be.accessible();
    document.documentElement.style.colorScheme = 'dark';
    await expect(el).to.be.accessible();
    // An envelope without its items list is not guessed at.
    body = { spans: env.items };
    el.refresh();
    await waitUntil(() => /expected a bare array \(seed API\) or an envelope/.test(root(el).textContent!), 'no clear error for a wrong envelope', { timeout: 8000 });
  });

  it('says clearly when the spans cannot be read, and retries', async () => {
    sb = await createSandbox({ paused: true, seed: 3 });
    const el = await fixture<TraceView>(html`<trace-view base-url=${`${sb.url}/not-a-store`} rollout-id="ro-000000000000" attempt-id="at-00000000"></trace-view>`);
    const errorState = () => root(el).querySelector('[part="state"][role="alert"]');
    await waitUntil(errorState, 'error state', { timeout: 8000 });
    expect(errorState()!.textContent).to.match(/404|not found/i);
    expect(errorState()!.textContent, 'the address asked').to.contain(`${sb.url}/not-a-store/v1/agl/`);
    expect(errorState()!.querySelector('button')!.textContent).to.contain('Retry');
    await expect(el).to.be.accessible();
  });
});
