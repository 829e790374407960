import { css } from 'lit';
import { controls, tokens } from '../../styles/tokens.js';

export const styles = [
  tokens,
  controls,
  css`
    :host {
      --_bar-h: var(--trace-view-bar-height, 14px);
      --_name-w: var(--trace-view-name-width, 34%);
      --_ok: var(--trace-view-ok, light-dark(#2f9e44, #51cf66));
      --_error: var(--trace-view-error, light-dark(#e03131, #ff6b6b));
      --_unset: var(--trace-view-unset, light-dark(#4c6ef5, #748ffc));
      display: flex;
      flex-direction: column;
      gap: var(--_tt-space-3);
      min-height: 0;
      background: var(--trace-view-background, var(--_tt-bg));
    }
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: var(--_tt-space-3);
    }
    .field {
      display: flex;
      flex-direction: column;
      gap: 4px;
      min-width: 0;
    }
    .field .label {
      font-size: var(--_tt-font-size-sm);
      color: var(--_tt-text-dim);
      font-weight: 600;
    }
    .field select {
      min-width: 14rem;
      max-width: 24rem;
      min-height: 34px;
    }
    .field.search {
      flex: 1 1 14rem;
      max-width: 22rem;
    }
    .field input {
      min-height: 34px;
      width: 100%;
    }
    .views {
      display: inline-flex;
    }
    .views button {
      min-height: 34px;
      border-radius: 0;
    }
    .views button:first-child {
      border-radius: var(--_tt-radius) 0 0 var(--_tt-radius);
    }
    .views button:last-child {
      border-radius: 0 var(--_tt-radius) var(--_tt-radius) 0;
      margin-inline-start: -1px;
    }
    .conn {
      margin-inline-start: auto;
      display: inline-flex;
      align-items: center;
      gap: var(--_tt-space-2);
      font-size: var(--_tt-font-size-sm);
      min-height: 34px;
    }
    button.icon {
      padding: 0;
      width: 34px;
      min-height: 34px;
      justify-content: center;
    }
    .refreshing {
      color: var(--_tt-info);
      animation: blink 1s steps(2, start) infinite;
    }
    @keyframes blink {
      to { visibility: hidden; }
    }
    .dim { color: var(--_tt-text-dim); }
    .small { font-size: var(--_tt-font-size-sm); }
    .center { text-align: center; padding: var(--_tt-space-4); }
    .mono { font-family: var(--_tt-font-mono); font-size: 0.8125rem; }

    .summary {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: var(--_tt-space-4);
      color: var(--_tt-text-dim);
      font-size: var(--_tt-font-size-sm);
    }
    .summary strong { color: var(--_tt-text); }

    .banner {
      display: flex;
      align-items: center;
      gap: var(--_tt-space-2);
      padding: var(--_tt-space-2) var(--_tt-space-3);
      border: 1px solid var(--_tt-warn);
      background: var(--_tt-warn-bg);
      color: var(--_tt-warn);
      border-radius: var(--_tt-radius);
    }
    .banner button { margin-inline-start: auto; }
    .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: currentColor;
    }

    .body {
      min-height: 0;
      flex: 1 1 auto;
      display: flex;
      flex-direction: column;
    }
    .scroll {
      container-type: inline-size;
      overflow: auto;
      border: 1px solid var(--_tt-border);
      border-radius: var(--_tt-radius);
      background: var(--_tt-bg);
      min-height: 0;
    }
    table {
      width: 100%;
      border-collapse: collapse;
    }
    th, td {
      text-align: start;
      padding: 0 var(--_tt-space-3);
      height: 36px;
      border-bottom: 1px solid var(--_tt-border);
      white-space: nowrap;
    }
    thead th {
      position: sticky;
      top: 0;
      z-index: 2;
      background: var(--_tt-surface);
      font-weight: 600;
      font-size: var(--_tt-font-size-sm);
    }
    tbody tr:last-child > * { border-bottom: 0; }
    tbody tr.row { cursor: pointer; }
    tbody tr.row:hover > * { background: var(--_tt-surface); }
    tbody tr.selected > * { background: var(--_tt-info-bg) !important; }
    tbody tr.dim-row { opacity: 0.38; }

    /* Waterfall */
    .waterfall { table-layout: fixed; }
    .waterfall .name-col {
      width: var(--_name-w);
      min-width: 12rem;
      font-weight: 400;
      overflow: hidden;
    }
    .waterfall tbody th { background: var(--_tt-bg); }
    .waterfall th.axis, .waterfall td.axis { padding: 0 var(--_tt-space-4) 0 var(--_tt-space-2); }
    .ticks, .track {
      position: relative;
      height: 100%;
      min-height: 20px;
    }
    .ticks { height: 20px; }
    .tick {
      position: absolute;
      top: 2px;
      transform: translateX(-50%);
      font-size: 0.6875rem;
      color: var(--_tt-text-dim);
      font-weight: 500;
      font-variant-numeric: tabular-nums;
    }
    .tick:first-child { transform: none; }
    /* A size container: a duration label after its bar keeps inside it (cqw, trace-view.ts). */
    .track { height: 36px; container-type: inline-size; }
    .grid {
      position: absolute;
      top: 0;
      bottom: 0;
      width: 1px;
      background: var(--_tt-border);
      opacity: 0.6;
    }
    .bar {
      position: absolute;
      top: calc(50% - var(--_bar-h) / 2);
      height: var(--_bar-h);
      border-radius: 3px;
      background: var(--_unset);
    }
    .bar[data-tone='ok'] { background: var(--_ok); }
    .bar[data-tone='error'] { background: var(--_error); }
    .bar.open {
      background-image: repeating-linear-gradient(135deg, transparent 0 6px, rgb(255 255 255 / 0.35) 6px 12px);
      animation: crawl 1s linear infinite;
      background-size: 17px 17px;
    }
    @keyframes crawl {
      to { background-position: 17px 0; }
    }
    @media (prefers-reduced-motion: reduce) {
      .bar.open, .refreshing { animation: none; }
    }
    .bar-label {
      position: absolute;
      top: 50%;
      transform: translateY(-50%);
      font-size: 0.75rem;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      color: var(--_tt-text-dim);
      pointer-events: none;
    }
    .bar-label.inside {
      color: #fff;
      font-weight: 600;
      padding: 0 6px;
      border-radius: 3px;
      background: rgb(0 0 0 / 0.72);
    }
    .bar-label.inside .status-text { color: inherit !important; }
    .status-text[data-tone='error'] { color: var(--_tt-error); font-weight: 600; }
    .status-text[data-tone='ok'] { color: var(--_tt-ok); }
    .name-cell {
      display: flex;
      align-items: center;
      gap: 4px;
      min-width: 0;
    }
    .twisty, .twisty-space {
      flex: none;
      width: 20px;
      height: 20px;
      min-height: 20px;
      padding: 0;
      justify-content: center;
      border: 0;
      background: transparent;
      color: var(--_tt-text-dim);
    }
    .twisty[aria-expanded='false'] svg { transform: rotate(-90deg); }
    button.span-name {
      border: 0;
      background: transparent;
      padding: 2px 4px;
      min-height: 24px;
      min-width: 0;
      max-width: 100%;
      text-align: start;
      font-weight: 500;
    }
    button.span-name:hover { background: transparent; text-decoration: underline; }
    .span-name .text {
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .status-dot {
      flex: none;
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--_unset);
    }
    .status-dot[data-tone='ok'] { background: var(--_ok); }
    .status-dot[data-tone='error'] { background: var(--_error); }

    /* The span table's own rules: trace-view.table.ts. */

    /* States */
    .state {
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: var(--_tt-space-2);
      padding: 48px var(--_tt-space-4);
      border: 1px dashed var(--_tt-border);
      border-radius: var(--_tt-radius);
      color: var(--_tt-text-dim);
      text-align: center;
    }
    .state strong { color: var(--_tt-text); font-size: 1rem; }
    .state.error { border-style: solid; border-color: var(--_tt-error); background: var(--_tt-error-bg); }
    .state.error strong, .state.error .reason { color: var(--_tt-error); }
    .skeleton-rows {
      display: flex;
      flex-direction: column;
      gap: 14px;
      padding: var(--_tt-space-4);
      border: 1px solid var(--_tt-border);
      border-radius: var(--_tt-radius);
    }
    .sk-row {
      display: grid;
      grid-template-columns: var(--_name-w) 1fr;
      gap: var(--_tt-space-4);
      align-items: center;
    }
    .sk-row .bar { position: static; height: 12px; }

    /* A narrow axis keeps every other tick so the labels never overlap. */
    @container (max-width: 640px) {
      .tick:nth-child(even), .grid:nth-child(even) { display: none; }
    }
    @media (max-width: 640px) {
      .field select { min-width: 0; width: 100%; }
      .field { flex: 1 1 100%; }
      .field.search { max-width: none; }
      .waterfall .name-col { width: 45%; min-width: 0; }
    }
  `,
];
