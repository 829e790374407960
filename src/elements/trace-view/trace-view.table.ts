/**
 * <trace-view>'s span table (the 'table' view; the waterfall is the default): its template and
 * styles, loaded when the table is first shown (TelltaleElement.lazyPart).
 * Template functions only: the query's matches, the sort key and the selection are the element's;
 * the table's order is computed here (only the table needs it).
 */
import { css, html, nothing, type TemplateResult } from 'lit';
import { repeat } from '../shared/repeat.js';
import type { Span } from '../../streams/agl.js';
import { safeJson } from '../shared/format.js';
import { safeText, shownText } from '../shared/safe-text.js';
import { formatSpanMs, statusLabel, statusTone, type SortKey } from './trace-data.js';

/** What the table needs from the element. */
export interface TableContext {
  /** Every span of the attempt (parents' names). */
  spans: readonly Span[];
  /** The ids of the spans the query matches (null: no query). */
  matching: ReadonlySet<string> | null;
  selected: string | null;
  sortKey: SortKey;
  sortDir: 1 | -1;
  query: string;
  /** Sort by `key` in direction `dir` (1: ascending). */
  sort(key: SortKey, dir: 1 | -1): void;
  select(span: Span): void;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** `HH:mm:ss.mmm` local, from epoch seconds. */
function clock(sec: number | null): string {
  if (sec == null) return '—';
  const d = new Date(sec * 1000);
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

/** The spans the query matches, in the table's order (ties by sequence id). */
function tableRows({ spans, matching, sortKey, sortDir }: TableContext): Span[] {
  const rows = matching ? spans.filter((s) => matching.has(s.span_id)) : [...spans];
  const key: Record<SortKey, (s: Span) => number | string> = {
    name: (s) => s.name.toLowerCase(),
    seq: (s) => s.sequence_id,
    start: (s) => s.start_time ?? Infinity,
    duration: (s) => (s.end_time != null && s.start_time != null ? s.end_time - s.start_time : Infinity),
    status: (s) => statusLabel(s),
  };
  const k = key[sortKey];
  return rows.sort((a, b) => {
    const x = k(a);
    const y = k(b);
    return (x < y ? -1 : x > y ? 1 : a.sequence_id - b.sequence_id) * sortDir;
  });
}

export function renderTable(c: TableContext): TemplateResult {
  const rows = tableRows(c);
  const th = (key: SortKey | null, label: string, cls = '') => {
    if (!key) return html`<th scope="col" class=${cls}>${label}</th>`;
    const active = c.sortKey === key;
    return html`<th scope="col" class=${cls} aria-sort=${active ? (c.sortDir === 1 ? 'ascending' : 'descending') : 'none'}>
      <button class="sort" @click=${() => c.sort(key, active ? (-c.sortDir as 1 | -1) : 1)}>
        ${label}<span class="arrow" aria-hidden="true">${active ? (c.sortDir === 1 ? '↑' : '↓') : '↕'}</span>
      </button>
    </th>`;
  };
  const names = new Map(c.spans.map((s) => [s.span_id, s.name]));
  return html`<div class="scroll">
    <table class="spans" part="table" aria-label="Spans">
      <thead>
        <tr>
          ${th('name', 'Name')} ${th('seq', 'Seq.', 'num')} ${th(null, 'Span ID')} ${th(null, 'Parent')} ${th('status', 'Status')}
          ${th('start', 'Start')} ${th(null, 'End')} ${th('duration', 'Duration', 'num')} ${th(null, 'Attributes')}
        </tr>
      </thead>
      <tbody>
        ${rows.length === 0
          ? html`<tr><td colspan="9" class="dim center">No span matches “${c.query}”.</td></tr>`
          : repeat(
              rows,
              (s) => s.span_id,
              (s) => {
                const attrs = Object.entries(s.attributes);
                const dur = s.end_time != null && s.start_time != null ? (s.end_time - s.start_time) * 1000 : null;
                return html`<tr class="row ${s.span_id === c.selected ? 'selected' : ''}" data-span=${s.span_id} @click=${() => c.select(s)}>
                  <td><button class="span-name" @click=${(e: Event) => {
                    e.stopPropagation();
                    c.select(s);
                  }}><span class="text">${safeText(s.name, 200)}</span></button></td>
                  <td class="num">${s.sequence_id}</td>
                  <td class="mono" title="trace ${s.trace_id}">${safeText(s.span_id, 80)}</td>
                  <td class="mono dim" title=${s.parent_id ? names.get(s.parent_id) ?? 'not in this attempt' : 'root span'}>${s.parent_id ?? '—'}</td>
                  <td><span class="badge" data-tone=${statusTone(s.status.status_code)}>${statusLabel(s)}</span></td>
                  <td class="mono">${clock(s.start_time)}</td>
                  <td class="mono">${clock(s.end_time)}</td>
                  <td class="num">${formatSpanMs(dur)}</td>
                  <td class="attrs" title=${safeJson(s.attributes)}>
                    ${attrs.length === 0
                      ? html`<span class="dim">—</span>`
                      : attrs.slice(0, 3).map(([k, v]) => html`<span class="chip"><span class="k">${safeText(k, 40)}</span>=${shownText(typeof v === 'string' ? v : safeJson(v), 27)}</span>`)}
                    ${attrs.length > 3 ? html`<span class="dim small">+${attrs.length - 3}</span>` : nothing}
                  </td>
                </tr>`;
              },
            )}
      </tbody>
    </table>
  </div>`;
}

/** Adopted beside the element's stylesheet when this part loads. */
export const styles = [
  css`
    .spans td.num, .spans th.num { text-align: end; font-variant-numeric: tabular-nums; }
    button.sort {
      border: 0;
      background: transparent;
      padding: 0;
      min-height: 0;
      font-weight: 600;
      gap: 6px;
    }
    button.sort:hover { background: transparent; }
    .arrow { color: var(--_tt-text-dim); }
    .attrs { max-width: 28rem; overflow: hidden; text-overflow: ellipsis; }
    .chip {
      display: inline-block;
      margin-inline-end: 6px;
      padding: 1px 6px;
      border-radius: 4px;
      background: var(--_tt-surface-2);
      font-family: var(--_tt-font-mono);
      font-size: 0.75rem;
    }
    .chip .k { color: var(--_tt-text-dim); }
  `,
];
