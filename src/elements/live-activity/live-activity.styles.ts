/**
 * <live-activity>'s stylesheet, part 1: the host and its custom properties, header, toolbar,
 * body layout, "Active now" and the feed. Part 2 (the details panel and stdout/stderr) is in
 * live-activity.details.styles.ts, adopted into the same shadow root when the details part loads.
 */
import { css } from 'lit';

export const styles = css`
  :host {
    display: flex;
    flex-direction: column;
    height: var(--live-activity-height, 640px);
    min-height: 320px;
    container-type: inline-size;
    background: var(--live-activity-bg, var(--_tt-bg));
    border: 1px solid var(--live-activity-border, var(--_tt-border));
    border-radius: var(--live-activity-radius, calc(var(--_tt-radius) + 2px));
    overflow: hidden;
    --_row-height: var(--live-activity-row-height, 52px);
    --_kind-width: var(--live-activity-kind-width, 124px);
    --_polling: var(--live-activity-polling-color, light-dark(#e0a800, #ffd43b));
  }
  :host([feed='tasks']) {
    --_kind-width: var(--live-activity-kind-width, 184px);
  }

  /* ── header ─────────────────────────────────────────────────────────── */
  header {
    display: flex;
    align-items: center;
    flex-wrap: wrap;
    gap: var(--_tt-space-2) var(--_tt-space-3);
    padding: var(--_tt-space-3) var(--_tt-space-4);
    border-bottom: 1px solid var(--_tt-border);
  }
  h2 {
    margin: 0;
    font-size: 1rem;
    font-weight: 650;
    letter-spacing: -0.01em;
  }
  .total {
    color: var(--_tt-text-dim);
    font-size: var(--_tt-font-size-sm);
    font-variant-numeric: tabular-nums;
  }
  .spacer {
    flex: 1;
  }
  .conn {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 2px 10px 2px 8px;
    border-radius: 999px;
    border: 1px solid var(--_tt-border);
    font-size: var(--_tt-font-size-sm);
    font-weight: 600;
    white-space: nowrap;
  }
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: var(--_tt-neutral);
    flex: none;
  }
  .conn[data-tone='ok'] .dot { background: var(--live-activity-live-color, var(--_tt-ok)); }
  .conn[data-tone='warn'] .dot { background: var(--_polling); }
  .conn[data-tone='error'] .dot { background: var(--live-activity-offline-color, var(--_tt-error)); }
  .conn .reason {
    font-weight: 400;
    color: var(--_tt-text-dim);
    max-width: 28ch;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .stale {
    color: var(--_tt-warn);
    background: var(--_tt-warn-bg);
  }
  button.pause {
    font-weight: 600;
  }
  button.pause[aria-pressed='true'] {
    background: var(--_tt-warn-bg);
    color: var(--_tt-warn);
    border-color: currentColor;
  }
  .new-count {
    font-variant-numeric: tabular-nums;
  }

  /* ── toolbar ────────────────────────────────────────────────────────── */
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: var(--_tt-space-2) var(--_tt-space-4);
    padding: var(--_tt-space-2) var(--_tt-space-4);
    border-bottom: 1px solid var(--_tt-border);
    background: var(--live-activity-toolbar-bg, var(--_tt-surface));
  }
  .facet {
    display: flex;
    align-items: center;
    gap: var(--_tt-space-2);
  }
  .facet-label {
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-text-dim);
    font-weight: 600;
    text-transform: uppercase;
    letter-spacing: 0.04em;
  }
  .segmented {
    display: inline-flex;
    flex-wrap: wrap;
    border: 1px solid var(--_tt-border);
    border-radius: var(--_tt-radius);
    background: var(--_tt-bg);
    padding: 2px;
    gap: 2px;
  }
  .segmented button {
    border: 0;
    min-height: 24px;
    padding: 2px 8px;
    background: transparent;
    font-size: var(--_tt-font-size-sm);
    border-radius: calc(var(--_tt-radius) - 2px);
  }
  .segmented button:hover {
    background: var(--_tt-surface-2);
  }
  .segmented button[aria-pressed='true'] {
    background: var(--_tt-accent);
    color: var(--_tt-accent-text);
  }
  .count {
    font-variant-numeric: tabular-nums;
    font-weight: 700;
    color: var(--_tt-text-dim);
  }
  .segmented button[aria-pressed='true'] .count {
    color: inherit;
  }
  /* Small badge text needs a slightly deeper green than the shared token for 4.5:1 on its tint. */
  .badge[data-tone='ok'] {
    color: var(--live-activity-ok-text, light-dark(#176b32, var(--_tt-ok)));
  }
  .search {
    position: relative;
    display: flex;
    align-items: center;
    flex: 1 1 200px;
    max-width: 360px;
  }
  .search .icon {
    position: absolute;
    left: 8px;
    color: var(--_tt-text-dim);
    pointer-events: none;
  }
  .search input {
    width: 100%;
    padding-left: 30px;
  }
  .chip {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    font-size: var(--_tt-font-size-sm);
  }
  .chip button {
    min-height: 22px;
    padding: 0 6px;
  }

  /* ── body ───────────────────────────────────────────────────────────── */
  .body {
    flex: 1;
    min-height: 0;
    display: grid;
    grid-template-columns: minmax(220px, var(--live-activity-active-width, 300px)) minmax(0, 1fr);
    position: relative;
  }
  .body.with-details {
    grid-template-columns: minmax(220px, var(--live-activity-active-width, 300px)) minmax(0, 1fr) minmax(300px, var(--live-activity-details-width, 420px));
  }
  /* Three columns leave the feed ~300 px in a 1,000 px pane: its titles vanished behind the kind
     and status badges. Below 1,400 px the open details take the Active panel's place instead
     (it comes back on closing them). */
  @container (min-width: 761px) and (max-width: 1400px) {
    .body.with-details {
      grid-template-columns: minmax(0, 1fr) minmax(300px, var(--live-activity-details-width, 420px));
    }
    .body.with-details > .active {
      display: none;
    }
  }
  @container (max-width: 760px) {
    .body,
    .body.with-details {
      grid-template-columns: minmax(0, 1fr);
      grid-template-rows: auto minmax(0, 1fr);
    }
    .active {
      max-height: 160px;
      border-right: 0 !important;
      border-bottom: 1px solid var(--_tt-border);
    }
    /* Stacked, the panel's height comes from its entries (up to 160px): a size-contained list
       has no height of its own, and the panel's auto row gave it none (the entries were clipped). */
    .active .active-list {
      contain: layout paint;
    }
    .details {
      position: absolute;
      inset: 0;
      z-index: 2;
    }
  }
  section {
    min-height: 0;
    display: flex;
    flex-direction: column;
  }
  /* In the details' place when their part could not be loaded (part 2 never arrived). */
  .details-failed {
    gap: var(--_tt-space-2);
    align-items: flex-start;
    padding: var(--_tt-space-3) var(--_tt-space-4);
    border-left: 1px solid var(--_tt-border);
    background: var(--_tt-bg);
  }
  .details-failed h3 {
    text-transform: none;
    letter-spacing: 0;
    color: var(--_tt-text);
  }
  /* Section headings: the panels' h3 and the details panel's h4 (sized in part 2). */
  h3,
  h4 {
    text-transform: uppercase;
    letter-spacing: 0.05em;
    color: var(--_tt-text-dim);
    display: flex;
    align-items: center;
    gap: var(--_tt-space-2);
  }
  h3 {
    margin: 0;
    padding: var(--_tt-space-2) var(--_tt-space-3);
    font-size: var(--_tt-font-size-sm);
    font-weight: 650;
  }
  h3 .badge {
    text-transform: none;
    letter-spacing: 0;
  }

  /* ── active now ─────────────────────────────────────────────────────── */
  .active {
    border-right: 1px solid var(--_tt-border);
    background: var(--live-activity-active-bg, var(--_tt-surface));
  }
  /* Windowed like the feed: entries of one height (84px + 4px gap = ACTIVE_ROW). */
  .active-list {
    position: relative;
    contain: strict;
    margin: 0 var(--_tt-space-2) var(--_tt-space-2);
    overflow-y: auto;
    overflow-anchor: none;
    flex: 1;
  }
  .active-item {
    height: 88px;
    padding-bottom: 4px;
    box-sizing: border-box;
  }
  .task {
    /* Fixed size and contained: entries churn under bursts without relaying out the panel. */
    height: 84px;
    contain: strict;
    align-content: start;
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 2px var(--_tt-space-2);
    width: 100%;
    text-align: left;
    padding: var(--_tt-space-2) var(--_tt-space-3);
    border: 1px solid var(--_tt-border);
    border-left: 3px solid var(--_tt-info);
    border-radius: var(--_tt-radius);
    background: var(--_tt-bg);
    min-height: 0;
  }
  .task .id {
    font-family: var(--_tt-font-mono);
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-text-dim);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .task .elapsed {
    font-family: var(--_tt-font-mono);
    font-size: var(--_tt-font-size-sm);
    font-weight: 700;
    color: var(--_tt-info);
    font-variant-numeric: tabular-nums;
    text-align: right;
  }
  .task .t-title {
    grid-column: 1 / -1;
    font-weight: 600;
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .task .t-meta {
    grid-column: 1 / -1;
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-text-dim);
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }
  .task .t-stage {
    color: var(--_tt-text);
  }

  /* ── the feed ───────────────────────────────────────────────────────── */
  .feed-section {
    min-width: 0;
  }
  .feed-notices {
    margin: 0 var(--_tt-space-3);
  }
  .note {
    margin: 0 var(--_tt-space-3) var(--_tt-space-2);
    padding: var(--_tt-space-1) var(--_tt-space-3);
    border-radius: var(--_tt-radius);
    background: var(--_tt-warn-bg);
    color: var(--_tt-warn);
    font-size: var(--_tt-font-size-sm);
    display: flex;
    align-items: center;
    gap: var(--_tt-space-2);
  }
  .note button {
    margin-left: auto;
    min-height: 22px;
    padding: 0 8px;
  }
  .note.error {
    background: var(--_tt-error-bg);
    color: var(--_tt-error);
  }
  .feed {
    display: block;
    position: relative;
    flex: 1;
    min-height: 0;
    overflow-y: auto;
    overflow-x: hidden;
    /* The element keeps the reading position itself (see restoreAnchor). */
    overflow-anchor: none;
    contain: strict;
    border-top: 1px solid var(--_tt-border);
  }
  .fw-spacer {
    position: relative;
    width: 100%;
  }
  .fw-rows {
    position: absolute;
    inset: 0 0 auto 0;
    will-change: transform;
  }
  .feed:focus-visible {
    outline-offset: -2px;
  }
  .cell {
    width: 100%;
    height: var(--_row-height);
    display: block;
    /* A row's layout never affects another's: cheap repaints under bursts. */
    contain: strict;
  }
  .row {
    display: grid;
    grid-template-columns: var(--_kind-width) minmax(0, 1fr) auto auto;
    align-items: center;
    gap: var(--_tt-space-3);
    width: 100%;
    height: var(--_row-height);
    padding: 0 var(--_tt-space-4) 0 var(--_tt-space-3);
    border: 0;
    border-bottom: 1px solid var(--_tt-border);
    border-left: 3px solid transparent;
    border-radius: 0;
    background: transparent;
    text-align: left;
  }
  .row:hover {
    background: var(--live-activity-row-hover, var(--_tt-surface));
  }
  .row[aria-current='true'] {
    background: var(--live-activity-row-selected, var(--_tt-info-bg));
    border-left-color: var(--_tt-accent);
  }
  .row:focus-visible {
    outline-offset: -2px;
  }
  .kind {
    justify-self: start;
    max-width: 100%;
    overflow: hidden;
  }
  .kind .label {
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .text {
    display: flex;
    flex-direction: column;
    min-width: 0;
    gap: 1px;
  }
  .title {
    font-weight: 600;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .sub {
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-text-dim);
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
  }
  .sub .mono {
    font-family: var(--_tt-font-mono);
  }
  .time {
    font-family: var(--_tt-font-mono);
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-text-dim);
    font-variant-numeric: tabular-nums;
  }
  /* A phone-wide feed (~330 px of row): the kind label, status and time in one line left the
     title ~30 px ("Up…"). There the kind shows its icon (the label stays for screen readers)
     and the status sits over the time, so the title and its detail get most of the row. */
  @container (max-width: 560px) {
    .row {
      grid-template-columns: auto minmax(0, 1fr) auto;
      grid-template-rows: auto auto;
      align-content: center;
      row-gap: 2px;
    }
    .row > .kind,
    .row > .text {
      grid-row: 1 / 3;
    }
    .row > :nth-child(3),
    .row > .time {
      grid-column: 3;
      justify-self: end;
    }
    .row > .time {
      grid-row: 2;
    }
    .row > .kind .label {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip: rect(0 0 0 0);
      white-space: nowrap;
    }
  }
  .icon {
    flex: none;
  }
  .badge .icon {
    width: 13px;
    height: 13px;
  }

  /* loading / empty / error */
  .placeholder {
    flex: 1;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: var(--_tt-space-2);
    padding: var(--_tt-space-4);
    color: var(--_tt-text-dim);
    text-align: center;
    border-top: 1px solid var(--_tt-border);
  }
  .placeholder strong {
    color: var(--_tt-text);
    font-size: 0.95rem;
  }
  .placeholder.error strong {
    color: var(--_tt-error);
  }
  .skeletons {
    flex: 1;
    border-top: 1px solid var(--_tt-border);
    overflow: hidden;
  }
  .skeleton-row {
    display: grid;
    grid-template-columns: 120px minmax(0, 1fr) 80px 64px;
    gap: var(--_tt-space-3);
    align-items: center;
    height: var(--_row-height);
    padding: 0 var(--_tt-space-4);
    border-bottom: 1px solid var(--_tt-border);
  }
  .active .skeleton {
    margin: var(--_tt-space-2) var(--_tt-space-3);
    height: 64px;
  }
  .active .empty {
    padding: var(--_tt-space-2) var(--_tt-space-3);
    color: var(--_tt-text-dim);
    font-size: var(--_tt-font-size-sm);
  }
`;
