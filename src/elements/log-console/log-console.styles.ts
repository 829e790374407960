import { css } from 'lit';
import { controls, tokens } from '../../styles/tokens.js';

export const styles = [
  tokens,
  controls,
  css`
    :host {
      --_lc-row-height: var(--log-console-row-height, 20px);
      --_lc-font: var(--log-console-font, var(--_tt-font-mono));
      --_lc-font-size: var(--log-console-font-size, 12px);
      --_lc-bg: var(--log-console-bg, var(--_tt-bg));
      --_lc-warn-bg: var(--log-console-warn-bg, light-dark(#fffbe5, #332b00));
      --_lc-warn-border: light-dark(#fff5c2, #650);
      --_lc-warn-text: light-dark(#5c3c00, #ffe27a);
      --_lc-error-bg: var(--log-console-error-bg, light-dark(#fff0f0, #3d1a1a));
      --_lc-error-border: light-dark(#ffd6d6, #5c2828);
      --_lc-error-text: light-dark(#b3141b, #ffb3b3);
      display: flex;
      flex-direction: column;
      height: var(--log-console-height, 420px);
      min-height: 160px;
      border: 1px solid var(--_tt-border);
      border-radius: var(--_tt-radius);
      background: var(--_lc-bg);
      overflow: hidden;
      contain: content;
    }

    /* ── Toolbar ─────────────────────────────────────────────────────────── */
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 6px;
      padding: 6px 8px;
      background: var(--_tt-surface);
      border-bottom: 1px solid var(--_tt-border);
      font-size: var(--_tt-font-size-sm);
    }
    .toolbar button {
      min-height: 26px;
      padding: 2px 8px;
      font-size: var(--_tt-font-size-sm);
    }
    .icon {
      width: 14px;
      height: 14px;
      flex: none;
    }
    .spacer {
      flex: 1;
    }
    .filter-box {
      display: flex;
      align-items: center;
      gap: 4px;
      flex: 1 1 260px;
      min-width: 200px;
      max-width: 480px;
      padding: 0 4px 0 8px;
      border: 1px solid var(--_tt-border);
      border-radius: var(--_tt-radius);
      background: var(--_tt-bg);
      color: var(--_tt-text-dim);
    }
    .filter-box:focus-within {
      border-color: var(--_tt-focus);
      box-shadow: 0 0 0 1px var(--_tt-focus);
    }
    .filter-box.invalid {
      border-color: var(--_tt-error);
    }
    .filter-box input {
      flex: 1;
      min-width: 0;
      border: 0;
      background: transparent;
      color: var(--_tt-text);
      font-family: var(--_lc-font);
      font-size: var(--_lc-font-size);
      min-height: 26px;
      padding: 2px 2px;
    }
    .filter-box input:focus-visible {
      outline: none;
    }
    .match-count {
      white-space: nowrap;
      color: var(--_tt-text-dim);
      font-variant-numeric: tabular-nums;
    }
    .icon-button {
      border: 0 !important;
      background: transparent !important;
      padding: 2px !important;
      min-height: 22px !important;
      color: var(--_tt-text-dim);
    }
    .icon-button:hover:not(:disabled) {
      color: var(--_tt-text);
      background: var(--_tt-surface-2) !important;
    }
    .icon-button svg {
      width: 16px;
      height: 16px;
    }
    .filter-error {
      padding: 4px 10px;
      font-size: var(--_tt-font-size-sm);
      color: var(--_tt-error);
      background: var(--_tt-error-bg);
      border-bottom: 1px solid var(--_tt-border);
      font-family: var(--_lc-font);
    }

    /* The group wraps in a narrow console (a phone): on one line it cut Warn and Error off.
       Each toggle draws its top and start edges over the one before (-1 px; the group clips the
       outer ones), so a wrapped group keeps single lines between toggles. */
    .levels {
      display: inline-flex;
      flex-wrap: wrap;
      max-width: 100%;
      border: 1px solid var(--_tt-border);
      border-radius: var(--_tt-radius);
      overflow: hidden;
    }
    .levels .chip {
      flex: 1 0 auto;
      margin: -1px 0 0 -1px;
      border: 0;
      border-radius: 0;
      border-block-start: 1px solid var(--_tt-border);
      border-inline-start: 1px solid var(--_tt-border);
      background: var(--_tt-bg);
      color: var(--_tt-text-dim);
      gap: 5px;
    }
    .levels .chip[aria-pressed='true'] {
      background: var(--_tt-surface-2);
      color: var(--_tt-text);
      border-color: var(--_tt-border);
      font-weight: 600;
    }
    .levels .chip[aria-pressed='false'] .dot {
      opacity: 0.35;
    }
    .levels .chip[aria-pressed='false'] {
      text-decoration: line-through;
      text-decoration-color: var(--_tt-text-dim);
    }
    .chip .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--_tt-neutral);
    }
    .chip[data-level='trace'] .dot { background: var(--_tt-neutral); opacity: 0.6; }
    .chip[data-level='debug'] .dot { background: var(--_tt-cyan); }
    .chip[data-level='info'] .dot { background: var(--_tt-info); }
    .chip[data-level='warn'] .dot { background: var(--_tt-warn); }
    .chip[data-level='error'] .dot { background: var(--_tt-error); }
    .chip .count {
      font-variant-numeric: tabular-nums;
      font-weight: 500;
      color: var(--_tt-text-dim);
      padding: 0 5px;
      border-radius: 999px;
      background: var(--_tt-neutral-bg);
      text-decoration: none;
    }
    .source-filter {
      min-width: 0;
      max-width: 100%;
    }
    .source-filter select {
      max-width: 100%; /* a long source name never widens the toolbar */
      min-height: 26px;
      font-size: var(--_tt-font-size-sm);
    }
    .download {
      display: inline-flex;
    }
    .download button:first-child {
      border-start-end-radius: 0;
      border-end-end-radius: 0;
    }
    .download button:last-child {
      border-start-start-radius: 0;
      border-end-start-radius: 0;
      border-inline-start: 0;
    }

    /* ── Lines ───────────────────────────────────────────────────────────── */
    .body {
      position: relative;
      flex: 1;
      min-height: 0;
      display: flex;
      flex-direction: column;
      /* The rows change every frame of a stream: nothing outside this box is laid out again. */
      contain: strict;
    }
    .viewport {
      position: relative;
      container-type: inline-size; /* the narrow-line rules below */
      flex: 1;
      min-height: 0;
      overflow-y: auto;
      overflow-x: hidden;
      font-family: var(--_lc-font);
      font-size: var(--_lc-font-size);
      overflow-anchor: none;
      contain: strict;
    }
    .viewport:focus-visible {
      outline-offset: -2px;
    }
    .spacer-rows {
      position: relative;
      width: 100%;
    }
    .rows {
      position: absolute;
      inset: 0 0 auto 0;
      will-change: transform;
      contain: layout style;
    }
    /* Fixed-height rows: the window's height is known (set with the rows), so the rows are laid
       out on their own — a frame of new lines re-lays-out nothing outside them. */
    :host(:not([wrap])) .rows {
      contain: strict;
    }
    .row {
      display: flex;
      align-items: baseline;
      gap: 10px;
      height: var(--_lc-row-height);
      line-height: var(--_lc-row-height);
      padding: 0 8px 0 10px;
      white-space: pre;
      border-bottom: 1px solid light-dark(#f1f3f5, #25262b);
      color: var(--_tt-text);
      /* No overflow clip, layout or paint containment per row: each would add a paint layer or
         clip/scroll nodes per row (all of them rebuilt every frame of a stream). The list as a
         whole is contained (.body, .rows); the message clips itself. */
    }
    :host([wrap]) .row {
      overflow: visible;
      height: auto;
      min-height: var(--_lc-row-height);
      white-space: pre-wrap;
      word-break: break-word;
      width: 100%;
    }
    .row:hover {
      background: var(--_tt-surface);
    }
    .row.warn {
      background: var(--_lc-warn-bg);
      border-bottom-color: var(--_lc-warn-border);
      color: var(--_lc-warn-text);
    }
    .row.error {
      background: var(--_lc-error-bg);
      border-bottom-color: var(--_lc-error-border);
      color: var(--_lc-error-text);
    }
    .row.trace,
    .row.debug {
      color: var(--_tt-text-dim);
    }
    .row.current {
      box-shadow: inset 3px 0 0 var(--_tt-accent);
      background: var(--_tt-info-bg);
    }
    /* Time and level are drawn from attributes (no DOM nodes per row). */
    .row::before {
      content: attr(data-time);
      order: 0;
      flex: none;
      color: var(--_tt-text-dim);
      font-variant-numeric: tabular-nums;
    }
    :host([hide-timestamps]) .row::before {
      display: none;
    }
    .row.gap::before {
      display: none;
    }
    .row.warn::before,
    .row.error::before {
      color: inherit;
      opacity: 0.85;
    }
    .row::after {
      content: attr(data-level);
      order: 1;
      flex: none;
      width: 5ch;
      font-weight: 600;
      text-transform: uppercase;
      font-size: 0.92em;
    }
    .row.gap::after {
      display: none;
    }
    .row.info::after { color: var(--_tt-info); }
    .row.debug::after { color: var(--_tt-cyan); }
    .source {
      order: 2;
      flex: none;
      width: 12ch;
      overflow: clip;
      text-overflow: ellipsis;
      color: var(--_tt-purple);
    }
    .msg {
      unicode-bidi: isolate; /* an override in one line cannot reorder what follows it */
      order: 3;
      flex: 1;
      min-width: 0;
      /* clip, not hidden: no scroll container per row. One line tall: a line with a newline
         shows its first line (wrap on shows all). */
      max-height: var(--_lc-row-height);
      overflow: clip;
      text-overflow: ellipsis;
    }
    :host([wrap]) .msg {
      max-height: none;
      overflow: visible;
    }
    /* A phone-wide console: time, level and a 12ch source left the message 70 px of 356. The
       time shows to the second (its milliseconds under the clip; the copy and download keep
       them) and the source column narrows: the message gets about twice the room. */
    @container (max-width: 480px) {
      .row {
        gap: 6px;
      }
      .row::before {
        width: 8ch;
        overflow: hidden;
      }
      .source {
        width: 7ch;
      }
    }
    mark {
      background: var(--_tt-highlight);
      color: inherit;
      border-radius: 2px;
      box-shadow: 0 0 0 1px light-dark(#f0d264, #8a7000);
    }
    .msg[data-count]::before {
      content: attr(data-count);
      display: inline-block;
      min-width: 18px;
      margin-inline-end: 8px;
      padding: 0 6px;
      line-height: 16px;
      text-align: center;
      border-radius: 999px;
      font-family: var(--_tt-font);
      font-size: 11px;
      font-weight: 600;
      background: var(--_tt-neutral-bg);
      color: var(--_tt-text);
      border: 1px solid var(--_tt-border);
      vertical-align: 1px;
    }
    .copy {
      order: 4;
      flex: none;
      align-self: center;
      opacity: 0;
      min-height: 18px !important;
      height: 18px;
      padding: 0 6px !important;
      font-size: 12px;
      line-height: 1;
      background: var(--_tt-bg) !important;
      color: var(--_tt-text);
    }
    .copy::before {
      content: '⧉';
    }
    .copy.done::before {
      content: '✓';
    }
    .row:hover .copy,
    .copy:focus-visible,
    .copy.done {
      opacity: 1;
    }
    .row.gap {
      justify-content: center;
      background: repeating-linear-gradient(135deg, transparent 0 6px, light-dark(#f1f3f5, #25262b) 6px 12px);
      color: var(--_tt-warn);
      font-family: var(--_tt-font);
      font-size: var(--_tt-font-size-sm);
      font-weight: 600;
    }
    .gap-text {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 0 10px;
      border-radius: 999px;
      background: var(--_tt-warn-bg);
      line-height: 18px;
    }
    .gap-text svg {
      width: 13px;
      height: 13px;
    }

    /* ── Overlays ────────────────────────────────────────────────────────── */
    .overlay {
      position: absolute;
      inset: 0;
      display: flex;
      flex-direction: column;
      gap: 10px;
      padding: 14px;
      pointer-events: none;
    }
    .overlay.failed {
      pointer-events: auto;
      overflow: auto;
      background: var(--_tt-bg);
    }
    .overlay.empty {
      align-items: center;
      justify-content: center;
      text-align: center;
      color: var(--_tt-text-dim);
      gap: 2px;
    }
    .overlay.empty svg {
      width: 32px;
      height: 32px;
      margin-bottom: 6px;
      opacity: 0.7;
    }
    .overlay.empty p {
      margin: 0;
    }
    .overlay.empty p:first-of-type {
      color: var(--_tt-text);
      font-weight: 600;
    }
    .dim {
      color: var(--_tt-text-dim);
    }
    .banner {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 8px;
      padding: 6px 10px;
      font-size: var(--_tt-font-size-sm);
      border-bottom: 1px solid var(--_tt-border);
    }
    .banner[data-tone='warn'] {
      background: var(--_tt-warn-bg);
      color: var(--_tt-warn);
    }
    .banner[data-tone='error'] {
      background: var(--_tt-error-bg);
      color: var(--_tt-error);
    }
    .banner-state {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 8px;
    }
    .banner .dim {
      color: inherit;
      opacity: 0.85;
    }
    .new-lines {
      position: absolute;
      left: 50%;
      bottom: 12px;
      transform: translateX(-50%);
      border-radius: 999px !important;
      padding: 4px 14px !important;
      background: var(--_tt-accent) !important;
      border-color: var(--_tt-accent) !important;
      color: var(--_tt-accent-text);
      font-weight: 600;
      box-shadow: 0 2px 10px rgb(0 0 0 / 0.25);
      z-index: 2;
    }
    .new-lines.quiet {
      background: var(--_tt-surface) !important;
      border-color: var(--_tt-border) !important;
      color: var(--_tt-text);
    }

    /* ── Status bar ──────────────────────────────────────────────────────── */
    .statusbar {
      display: flex;
      align-items: center;
      gap: 14px;
      padding: 3px 10px;
      font-size: var(--_tt-font-size-sm);
      color: var(--_tt-text-dim);
      background: var(--_tt-surface);
      border-top: 1px solid var(--_tt-border);
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }
    .conn {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      color: var(--_tt-text);
    }
    .conn .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--_tt-neutral);
    }
    .conn[data-state='live'] .dot,
    .conn[data-state='polling'] .dot {
      background: var(--_tt-ok);
      box-shadow: 0 0 0 3px var(--_tt-ok-bg);
    }
    .conn[data-state='connecting'] .dot,
    .conn[data-state='reconnecting'] .dot {
      background: var(--_tt-warn);
    }
    .conn[data-state='error'] .dot,
    .conn[data-state='offline'] .dot {
      background: var(--_tt-error);
    }
    .follow-state {
      color: var(--_tt-text-dim);
    }
    /* Focus on a line shows it, and its Copy button. */
    .row:focus-visible {
      outline: 2px solid var(--_tt-focus);
      outline-offset: -2px;
    }
    .row:focus-within .copy {
      opacity: 1;
    }
    /* Nothing moves for a user who asked for less motion, whatever a shared rule starts. */
    @media (prefers-reduced-motion: reduce) {
      *,
      *::before,
      *::after {
        animation: none !important;
        transition: none !important;
        scroll-behavior: auto !important;
      }
    }
  `,
];
