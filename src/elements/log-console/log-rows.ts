/**
 * The rows of the console's window, drawn without a template engine: a pool of row elements
 * that is reused from frame to frame (same nodes, new text). At 10,000 lines/s every visible
 * row shows another line each frame, so a row's update must be a handful of attribute and text
 * writes, and nothing at all when the row still shows the same line the same way.
 *
 * Text is only ever set as text (Text nodes, textContent): a line's content cannot create markup.
 */
import { LOG_LEVELS } from '../../streams/models.js';
import { GAP, type LogBuffer } from './log-buffer.js';
import { renderLogText, type LogColour } from './log-text.js';
import { visibleControls } from '../shared/safe-text.js';
import { hasAnsi } from '../shared/ansi.js';

const pad2 = (n: number) => (n < 10 ? '0' + n : '' + n);
export function clock(ms: number): string {
  const d = new Date(ms);
  const m = d.getMilliseconds();
  return `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}.${m < 10 ? '00' + m : m < 100 ? '0' + m : m}`;
}

export interface RowContext {
  buffer: LogBuffer;
  /** The filter's highlight pattern, or null. */
  highlight: RegExp | null;
  /** Changes whenever the highlight pattern changes (part of a row's cache key). */
  highlightKey: string;
  /** Row index of the current search match, or -1. */
  matchIndex: number;
  /** Sequence number of the line just copied, or -1. */
  copiedSeq: number;
  /** Show the source column. */
  multi: boolean;
  /**
   * The row that is the log's Tab stop (the roving focus's active row): it and its Copy button
   * get tabindex 0, every other row and button -1 (one Tab stop for the log, not one per line).
   */
  activeSeq: number;
  /**
   * Sizes the pool for each draw once the key handling is here (log-focus.keys.ts `keepLine`):
   * it keeps the focused line's element when the line is scrolled out of the drawn rows. Null
   * before (nothing has focus to keep): `sizePool`.
   */
  keep: KeepLine | null;
  /** The colours part (log-colour.ts, lazy), null until it has arrived: lines are drawn plain until then. */
  colour: LogColour | null;
  /** Ask for the colours (a line with an escape sequence is drawn); the element paints again when they arrive. */
  needColour(): void;
}

const SVG = 'http://www.w3.org/2000/svg';

/** What a pooled row element currently shows (so an unchanged row costs nothing). */
interface RowState {
  key: string;
  kind: 'line' | 'gap' | 'empty' | '';
  multi: boolean;
}

const state = new WeakMap<HTMLElement, RowState>();

function gapChildren(el: HTMLElement, text: string): void {
  const span = document.createElement('span');
  span.className = 'gap-text';
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('aria-hidden', 'true');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M8 1.5l7 13H1z M8 6v4 M8 11.5v1.2');
  path.setAttribute('fill', 'none');
  path.setAttribute('stroke', 'currentColor');
  path.setAttribute('stroke-width', '1.4');
  svg.appendChild(path);
  span.append(svg, text);
  el.replaceChildren(span);
}

function lineChildren(el: HTMLElement, multi: boolean): void {
  const msg = document.createElement('span');
  msg.className = 'msg';
  msg.appendChild(document.createTextNode(''));
  const copy = document.createElement('button');
  copy.className = 'copy';
  copy.setAttribute('aria-label', 'Copy line');
  copy.title = 'Copy line (c)';
  if (multi) {
    const source = document.createElement('span');
    source.className = 'source';
    source.appendChild(document.createTextNode(''));
    el.replaceChildren(source, msg, copy);
  } else el.replaceChildren(msg, copy);
}

function setAttr(el: Element, name: string, value: string | null): void {
  if (value === null) {
    if (el.hasAttribute(name)) el.removeAttribute(name);
  } else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
}

/** Show line `seq` (a row of `count` identical lines, at row index `index`) in `el`. */
export function drawRow(el: HTMLElement, seq: number, count: number, index: number, ctx: RowContext): void {
  const b = ctx.buffer;
  let st = state.get(el);
  if (!st) state.set(el, (st = { key: '', kind: '', multi: false }));
  if (seq < b.start || seq >= b.end) {
    if (st.kind !== 'empty') {
      el.replaceChildren();
      for (const a of ['part', 'role', 'data-seq', 'data-time', 'data-level', 'tabindex']) el.removeAttribute(a);
      el.className = 'row';
      st.kind = 'empty';
      st.key = '';
    }
    return;
  }
  const s = b.slot(seq);
  const code = b.levels[s];
  const current = index === ctx.matchIndex;
  const tab = seq === ctx.activeSeq ? '0' : '-1';
  const key = `${seq}|${count}|${current ? 1 : 0}|${ctx.copiedSeq === seq ? 1 : 0}|${ctx.multi ? 1 : 0}|${tab}|${ctx.highlightKey}|${ctx.colour ? 1 : 0}`;
  if (st.key === key) return;
  st.key = key;
  setAttr(el, 'tabindex', tab);
  if (code === GAP) {
    st.kind = 'gap';
    el.className = 'row gap';
    setAttr(el, 'part', 'gap');
    setAttr(el, 'role', 'note');
    setAttr(el, 'data-seq', String(seq));
    setAttr(el, 'data-time', null);
    setAttr(el, 'data-level', null);
    gapChildren(el, ctx.multi ? `${b.texts[s]} · ${b.sourceNames[b.sources[s]]}` : b.texts[s]);
    return;
  }
  if (st.kind !== 'line' || st.multi !== ctx.multi) {
    lineChildren(el, ctx.multi);
    st.kind = 'line';
    st.multi = ctx.multi;
  }
  const level = LOG_LEVELS[code];
  const cls = current ? `row ${level} current` : `row ${level}`;
  if (el.className !== cls) el.className = cls;
  setAttr(el, 'part', 'row');
  setAttr(el, 'role', null);
  setAttr(el, 'data-seq', String(seq));
  setAttr(el, 'data-time', clock(b.times[s]));
  setAttr(el, 'data-level', level);
  let child = el.firstElementChild as HTMLElement;
  if (ctx.multi) {
    (child.firstChild as Text).data = visibleControls(b.sourceNames[b.sources[s]]);
    child = child.nextElementSibling as HTMLElement;
  }
  const msg = child;
  setAttr(msg, 'data-count', count > 1 ? (count > 9999 ? '9999+' : String(count)) : null);
  const raw = b.texts[s];
  if (!ctx.colour && hasAnsi(raw)) ctx.needColour();
  const text = renderLogText(raw, b.plains[s], ctx.highlight, ctx.colour);
  if (typeof text === 'string') {
    const first = msg.firstChild;
    if (first && first.nodeType === Node.TEXT_NODE && first === msg.lastChild) {
      if ((first as Text).data !== text) (first as Text).data = text;
    } else msg.replaceChildren(document.createTextNode(text));
  } else msg.replaceChildren(text);
  const copy = msg.nextElementSibling as HTMLElement;
  const copyCls = ctx.copiedSeq === seq ? 'copy done' : 'copy';
  if (copy.className !== copyCls) copy.className = copyCls;
  setAttr(copy, 'data-seq', String(seq));
  setAttr(copy, 'tabindex', tab);
}

/** A draw's pool: `size` gives the elements for rows first…last-1, `place` puts a kept line (`drawn`: the drawn rows' heights, or how many of base height). */
export type KeepLine = (pool: HTMLElement, base: number, ctx: RowContext) => { size(first: number, last: number): HTMLElement[]; place(first: number, last: number, drawn: readonly number[] | number): void };

/** Make `container` hold exactly `n` row elements (reusing the ones there). */
export function sizePool(container: HTMLElement, n: number): HTMLElement[] {
  const out = container.children as HTMLCollectionOf<HTMLElement>;
  while (out.length > n) out[out.length - 1].remove();
  while (out.length < n) {
    const row = document.createElement('div');
    row.className = 'row';
    container.appendChild(row);
  }
  return Array.from(out);
}
