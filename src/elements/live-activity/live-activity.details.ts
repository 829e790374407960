/**
 * <live-activity>'s details panel (a dialog beside the feed): an activity's fields, stage
 * timings and lazily fetched stdout/stderr, or a task event's JSON and its task's timeline.
 * Template functions only: the state (selection, copy notice, output loads) is the element's.
 * Loaded when details are first opened (TelltaleElement.lazyPart): a first paint never shows it.
 * It brings the output loader (output-loader.ts) with it: outputs show only in this panel, so
 * the element creates its OutputController from here once the part arrives.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Activity, TaskEvent } from '../../streams/models.js';
import { stripAnsi } from '../shared/ansi.js';
import { formatBytes, formatDateTime, formatStageDuration, formatTime, safeJson } from '../shared/format.js';
import { safeNumber, safeText } from '../shared/safe-text.js';
import { STATUS_LABELS, STATUS_TONES, type ActivityItem, type StatusFilter } from './activity-store.js';
import { icon } from './icons.js';
import { renderOutput, type AnsiPart, type OutputController, type OutputStream } from './output-loader.js';

export { OutputController, httpFetcher } from './output-loader.js';
import { detailsStyles } from './live-activity.details.styles.js';

/** Adopted beside the element's stylesheet when this part loads (shared/lazy-part.ts). */
export const styles = [detailsStyles];

/** Ask for an opened activity's stdout and stderr (none for a stream it reports 0 bytes of). */
export function loadOutputs(output: OutputController, a: Activity): void {
  for (const which of ['stdout', 'stderr'] as const) {
    const bytes = which === 'stdout' ? a.stdoutBytes : a.stderrBytes;
    if (bytes === 0) output.none(which);
    else if (bytes != null || a.type === 'execution') output.ensure(a.id, which, String(bytes ?? '?'));
  }
}

/** What the details panel needs from the element. */
export interface DetailsContext {
  item: ActivityItem;
  /** What was just copied ("id", "stdout"…), for the notice; null for none. */
  copied: string | null;
  /** The clock for running stages (ms). */
  now: number;
  output: Pick<OutputController, 'results' | 'windows'>;
  /** The ANSI colours of the output (a lazy part). */
  ansi: AnsiPart;
  /** Every kept event of a task, oldest first. */
  timeline(taskId: string): TaskEvent[];
  copy(text: string, what: string): void;
  close(): void;
  onKeydown(e: KeyboardEvent): void;
}

/** Copy to the clipboard; where the Clipboard API is refused (no permission, insecure context), through a hidden textarea in `root`. */
export async function copyText(text: string, root: Node): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    root.appendChild(ta);
    ta.select();
    document.execCommand('copy');
    ta.remove();
  }
}

/** Durations under a minute with milliseconds (stage timings are often short). */
const fmtMs = formatStageDuration;

export function renderDetails(c: DetailsContext): TemplateResult {
const it = c.item;
  return html`<section class="details" part="details" role="dialog" aria-labelledby="details-title" @keydown=${c.onKeydown}>
    <div class="details-head">
      <div style="flex:1;min-width:0">
        <h3 id="details-title">${safeText(stripAnsi(it.title) || it.id, 2000)}</h3>
        <div class="badges">
          <span class="badge" data-tone=${it.tone}>${icon(it.icon)} ${it.label}</span>
          <span class="badge" data-tone=${STATUS_TONES[it.status]}>${STATUS_LABELS[it.status]}</span>
        </div>
      </div>
      <button class="icon-button" aria-label="Copy as JSON" title="Copy as JSON" @click=${() => c.copy(safeJson(it.activity ?? it.taskEvent, 2), 'json')}>
        ${icon('copy')}
      </button>
      <button class="icon-button close" aria-label="Close details" title="Close (Esc)" @click=${c.close}>${icon('close')}</button>
    </div>
    <div class="details-body">
      ${c.copied ? html`<p class="copied" role="status">Copied ${c.copied}.</p>` : nothing}
      ${it.activity ? renderActivityDetails(c, it.activity) : it.taskEvent ? renderTaskDetails(c, it.taskEvent) : nothing}
    </div>
  </section>`;
}

function renderActivityDetails(c: DetailsContext, a: Activity): TemplateResult {
  const row = (label: string, value: unknown, mono = false) =>
    // The whole value here (rows show it cut): controls visible, bidi isolated, wrapping anywhere.
    value == null || value === '' ? nothing : html`<dt>${label}</dt><dd class=${mono ? 'mono' : ''}>${safeText(typeof value === 'string' ? stripAnsi(value) : value, 200_000)}</dd>`;
  const stages = Array.isArray(a.stages) ? a.stages : [];
  const fetched = (which: OutputStream) => {
    const r = c.output.results[which];
    return r.state === 'ok' ? stripAnsi(r.text) : null;
  };
  const outputSection = (which: OutputStream) => {
    const bytes = which === 'stdout' ? a.stdoutBytes : a.stderrBytes;
    if (bytes == null && a.type !== 'execution') return nothing;
    const text = fetched(which);
    return html`<h4>
        <span class="grow">${which}${bytes != null ? html` · ${safeNumber(formatBytes(bytes), bytes)}` : ''}</span>
        ${text ? html`<button @click=${() => c.copy(text, which)}>${icon('copy')} Copy ${which}</button>` : nothing}
      </h4>
      ${renderOutput(c.output.results[which], which, c.output.windows[which], c.ansi)}`;
  };
  return html`
    <dl>
      <dt>ID</dt>
      <dd class="mono with-copy">${safeText(a.id, 200_000)} <button class="icon-button" aria-label="Copy id" @click=${() => c.copy(a.id, 'id')}>${icon('copy')}</button></dd>
      ${row('Type', a.type)} ${row('Status', STATUS_LABELS[a.status as StatusFilter] ?? a.status)}
      ${a.status === 'failed'
        ? html`<dt>Reason</dt><dd class="reason" data-tone="error">${typeof a.error === 'string' && a.error ? safeText(stripAnsi(a.error), 200_000) : 'The server gave no reason.'}</dd>`
        : nothing}
      ${row('Stage', a.stage)}
      ${row('Title', a.title)} ${row('Detail', a.detail, true)} ${row('Worker', a.worker)} ${row('Client', a.client)}
      ${row('Created', formatDateTime(a.createdAt))} ${row('Updated', formatDateTime(a.updatedAt))}
      ${row('Exit code', a.exitCode)} ${a.bytes != null ? html`<dt>Bytes</dt><dd>${safeNumber(formatBytes(a.bytes), a.bytes)}</dd>` : nothing} ${row('Digest', a.digest, true)}
    </dl>
    ${stages.length
      ? html`<h4>Stages</h4>
          <table>
            <thead>
              <tr><th scope="col">Stage</th><th scope="col">Started</th><th scope="col">Ended</th><th scope="col">Duration</th></tr>
            </thead>
            <tbody>
              ${stages.map(
                (s) => html`<tr>
                  <td>${s.name}</td>
                  <td class="mono">${formatTime(s.startedAt, true)}</td>
                  <td class="mono">${s.endedAt != null ? formatTime(s.endedAt, true) : '—'}</td>
                  <td class="num">${s.endedAt != null ? fmtMs(s.endedAt - s.startedAt) : `${fmtMs(c.now - s.startedAt)} so far`}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
      : nothing}
    ${outputSection('stdout')} ${outputSection('stderr')}
  `;
}

function renderTaskDetails(c: DetailsContext, e: TaskEvent): TemplateResult {
  const json = safeJson(e.details ?? {}, 2);
  const timeline = e.task_id ? c.timeline(e.task_id) : [];
  return html`
    <dl>
      <dt>Event</dt>
      <dd class="mono">${e.id}</dd>
      <dt>Type</dt>
      <dd>${e.type}</dd>
      <dt>Time</dt>
      <dd>${formatDateTime(e.timestamp * 1000)}${formatTime(e.timestamp * 1000, true).slice(8)}</dd>
      ${e.task_id
        ? html`<dt>Task</dt>
            <dd class="mono with-copy">${e.task_id} <button class="icon-button" aria-label="Copy task id" @click=${() => c.copy(e.task_id!, 'task id')}>${icon('copy')}</button></dd>`
        : nothing}
      ${e.validator_ip ? html`<dt>Validator</dt><dd class="mono">${e.validator_ip}</dd>` : nothing}
    </dl>
    <h4><span class="grow">Details</span><button @click=${() => c.copy(json, 'details')}>${icon('copy')} Copy</button></h4>
    <pre class="output" tabindex="0" aria-label="Event details (JSON)">${json}</pre>
    ${timeline.length > 1
      ? html`<h4>Task timeline</h4>
          <table>
            <thead>
              <tr><th scope="col">Event</th><th scope="col">Time</th><th scope="col">Since start</th></tr>
            </thead>
            <tbody>
              ${timeline.map(
                (t) => html`<tr>
                  <td>${t.type}</td>
                  <td class="mono">${formatTime(t.timestamp * 1000, true)}</td>
                  <td class="num">${fmtMs((t.timestamp - timeline[0].timestamp) * 1000)}</td>
                </tr>`,
              )}
            </tbody>
          </table>`
      : nothing}
  `;
}
