/**
 * <worker-board>'s per-worker templates: status badge, metrics with sparklines, heartbeat
 * age, platform properties and the action tree (worker → action → stage), put together as a
 * card (cards view) or a row (table view). Template functions only: the element passes a
 * CardContext with what they read (history, expansion, clock) and the handlers.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from '../shared/repeat.js';
import type { Tone } from '../../styles/tokens.js';
import type { AssignedAction, WorkerInfo, WorkerStatus } from '../../streams/models.js';
import { formatBytes, formatDateTime, formatDuration, formatPercent, formatStageDuration, INVALID, isValidBytes, isValidRatio, isValidTime, safeIso } from '../shared/format.js';
import { safeNumber, safeText } from '../shared/safe-text.js';
import { newHistory, sparkline, type WorkerHistory } from './sparkline.js';
import { ratio, reportsActions, type Row } from './worker-board.model.js';

export const STATUS_LABEL: Record<WorkerStatus, string> = {
  idle: 'Idle',
  working: 'Working',
  unavailable: 'Unavailable',
  offline: 'Offline',
  draining: 'Draining',
  paused: 'Paused',
};
export const STATUS_TONE: Record<WorkerStatus, Tone> = {
  idle: 'ok',
  working: 'info',
  unavailable: 'warn',
  offline: 'error',
  draining: 'orange',
  paused: 'purple',
};

export interface CardContext {
  /** The clock (epoch ms) the elapsed times are judged by. */
  now: number;
  /** Cards open the worker level of the tree; the dense table keeps it closed until asked. */
  cards: boolean;
  history(id: string): WorkerHistory | undefined;
  stagesOf(a: AssignedAction): { name: string; startedAt: number; endedAt: number | null }[];
  isExpanded(key: string, level: number): boolean;
  toggleNode(key: string, level: number, expand: boolean | null): void;
  onTreeKeydown(e: KeyboardEvent): void;
  select(id: string): void;
  /** Tab index of a row's id button: 0 only for the list's active row (its single Tab stop). */
  innerTabIndex(id: string): 0 | -1;
  /** Tab index of a tree item: 0 only for the active row's current tree item (Tab from the row reaches it). */
  treeTabIndex(id: string, key: string): 0 | -1;
}

function formatRate(bps: number): string {
  const b = formatBytes(bps);
  return b === INVALID ? INVALID : `${b}/s`;
}

/** A figure, or "invalid" with the raw value on hover. */
const shown = (formatted: string, raw: unknown) => safeNumber(formatted, raw);
/** A level for the sparkline colour only when it is a real share. */
const levelOf = (r: number | null) => (r != null && isValidRatio(r) ? r : null);

export function statusBadge(r: Row): TemplateResult {
  const sub = r.status === 'working' && r.w.subStatus ? r.w.subStatus : null;
  return html`<span class="badge status" part="status" data-tone=${STATUS_TONE[r.status]} title=${r.override ?? ''}
    ><span class="dot" aria-hidden="true"></span>${STATUS_LABEL[r.status]}${sub
      ? html`<span class="sub"> · ${safeText(sub[0].toUpperCase() + sub.slice(1), 40)}</span>`
      : nothing}</span
  >`;
}

function metric(label: string, value: unknown, detail: unknown, spark: ReturnType<typeof sparkline>, level: number | null): TemplateResult {
  const missing = value === null;
  return html`<div class="metric" part="metric" data-metric=${label.toLowerCase()} ?data-missing=${missing}>
    <span class="mlabel">${label}</span>
    <span class="mvalue">${missing ? html`<span class="nr">not reported</span>` : value}</span>
    ${detail ? html`<span class="mdetail dim">${detail}</span>` : nothing}
    <span class="mspark" data-level=${level == null ? nothing : level > 0.9 ? 'high' : level > 0.7 ? 'mid' : 'low'}>${spark}</span>
  </div>`;
}

/** CPU, memory, disk, network: value, detail and sparkline each ("not reported", never 0). */
export function metrics(c: CardContext, r: Row): TemplateResult[] {
  const m = r.w.metrics ?? { cpu: null, memory: null, disk: null, network: null };
  const h = c.history(r.w.id) ?? newHistory();
  const mem = ratio(m.memory);
  const disk = ratio(m.disk);
  return [
    metric('CPU', m.cpu == null ? null : shown(formatPercent(m.cpu), m.cpu), null, sparkline(h.cpu, 1, 'cpu'), levelOf(m.cpu)),
    metric('Memory', mem == null ? null : shown(formatPercent(mem), `${m.memory!.used} / ${m.memory!.total}`), m.memory ? html`<span class="nw">${shown(formatBytes(m.memory.used), m.memory.used)} /</span> <span class="nw">${shown(formatBytes(m.memory.total), m.memory.total)}</span>` : null, sparkline(h.memory, 1, 'memory'), levelOf(mem)),
    metric('Disk', disk == null ? null : shown(formatPercent(disk), `${m.disk!.used} / ${m.disk!.total}`), m.disk ? html`<span class="nw">${shown(formatBytes(m.disk.used), m.disk.used)} /</span> <span class="nw">${shown(formatBytes(m.disk.total), m.disk.total)}</span>` : null, sparkline(h.disk, 1, 'disk'), levelOf(disk)),
    metric('Network', m.network ? shown(isValidBytes(m.network.rxBps) && isValidBytes(m.network.txBps) ? formatRate(m.network.rxBps + m.network.txBps) : INVALID, `↓ ${m.network.rxBps} ↑ ${m.network.txBps}`) : null, m.network ? html`<span class="nw">↓ ${shown(formatRate(m.network.rxBps), m.network.rxBps)} ·</span> <span class="nw">↑ ${shown(formatRate(m.network.txBps), m.network.txBps)}</span>` : null, sparkline(h.network, null, 'network'), null),
  ];
}

export function heartbeat(r: Row): TemplateResult {
  const hb = r.w.lastHeartbeat;
  return html`<span class="hb" part="heartbeat" data-late=${r.override ? 'true' : 'false'}>
    ${hb == null
      ? html`<span class="nr">not reported</span>`
      : isValidTime(hb) && formatDuration(r.age! * 1000) !== INVALID
        ? html`<time datetime=${safeIso(hb)} title=${formatDateTime(hb)}>${formatDuration(r.age! * 1000)} ago</time>`
        : shown(INVALID, hb)}
  </span>`;
}

export function platform(w: WorkerInfo): TemplateResult {
  const entries = Object.entries(w.platform ?? {});
  if (!entries.length) return html`<span class="nr" part="platform">no platform properties</span>`;
  return html`<ul class="platform" part="platform" aria-label="Platform properties">
    ${entries.map(([k, v]) => html`<li><span class="k">${safeText(k, 60)}</span><span class="v">${safeText(v, 120)}</span></li>`)}
  </ul>`;
}

/** Worker → action → stage. Stage times are in ms under a second, as the activity's details show them ("0s" said nothing). */
export function actionTree(c: CardContext, r: Row): TemplateResult {
  const w = r.w;
  const actions = w.actions ?? [];
  if (!actions.length)
    return reportsActions(w)
      ? html`<p class="no-actions dim" part="actions">No assigned actions</p>`
      : html`<p class="no-actions dim" part="actions" data-unreported>
          This worker reports no actions.
          <span class="hint">Its source cannot tell which actions run here; pass the relay a <code>bep:</code> source for the builds on this host.</span>
        </p>`;
  const wKey = w.id;
  const open = c.isExpanded(wKey, 1);
  const now = c.now;
  return html`<ul role="tree" class="tree" part="actions" aria-label=${`Actions assigned to ${w.id}`} @keydown=${c.onTreeKeydown}>
    <li role="treeitem" aria-level="1" aria-expanded=${open} tabindex=${c.treeTabIndex(w.id, wKey)} data-key=${wKey}>
      <div class="node" @click=${() => c.toggleNode(wKey, 1, null)}>
        <span class="twisty" aria-hidden="true">▶</span>
        <span class="node-title">${actions.length} assigned action${actions.length === 1 ? '' : 's'}</span>
      </div>
      ${open
        ? html`<ul role="group">
            ${repeat(
              actions,
              (a) => a.id,
              (a) => {
                const aKey = `${wKey}/${a.id}`;
                const aOpen = c.isExpanded(aKey, 2);
                const stages = c.stagesOf(a);
                return html`<li role="treeitem" aria-level="2" aria-expanded=${aOpen} tabindex=${c.treeTabIndex(w.id, aKey)} data-key=${aKey}>
                  <div class="node" @click=${() => c.toggleNode(aKey, 2, null)}>
                    <span class="twisty" aria-hidden="true">▶</span>
                    <span class="node-title" title=${a.id}>${safeText(a.title || a.id, 120)}</span>
                    <span class="stage">${safeText(a.stage, 40)}</span>
                    <span class="elapsed">${formatDuration(now - a.startedAt)}</span>
                  </div>
                  ${aOpen
                    ? html`<ul role="group">
                        ${stages.map(
                          (s) => html`<li role="treeitem" aria-level="3" tabindex=${c.treeTabIndex(w.id, `${aKey}/${s.name}`)} data-key=${`${aKey}/${s.name}`}>
                            <div class="node">
                              <span class="twisty" aria-hidden="true">${s.endedAt == null ? '●' : '✓'}</span>
                              <span class="node-title">${safeText(s.name, 120)}</span>
                              <span class="elapsed">${formatStageDuration((s.endedAt ?? now) - s.startedAt)}</span>
                            </div>
                          </li>`,
                        )}
                      </ul>`
                    : nothing}
                </li>`;
              },
            )}
          </ul>`
        : nothing}
    </li>
  </ul>`;
}

export function idButton(c: CardContext, w: WorkerInfo): TemplateResult {
  return html`<button type="button" class="wid" part="worker-id" title=${w.id} tabindex=${c.innerTabIndex(w.id)} @click=${() => c.select(w.id)}>${safeText(w.id, 80)}</button>`;
}
