import { css } from 'lit';
import { controls, tokens } from '../../styles/tokens.js';

export const styles = [
  tokens,
  controls,
  css`
      :host {
        display: flex;
        flex-direction: column;
        gap: var(--_tt-space-3);
        --_card-bg: var(--resources-view-card-bg, var(--_tt-bg));
        --_latest: var(--resources-view-latest, var(--_tt-ok));
        background: var(--_tt-bg);
      }
      .bar { display: flex; align-items: center; gap: var(--_tt-space-3); flex-wrap: wrap; font-size: var(--_tt-font-size-sm); color: var(--_tt-text-dim); }
      .bar .right { margin-inline-start: auto; display: inline-flex; gap: var(--_tt-space-2); align-items: center; }
      /* The ok token pair is 4.46:1 at 12px; a shade darker reads at AA. */
      .badge.latest-badge { color: light-dark(#146c30, #8ce99a); }
      .refreshing { color: var(--_tt-info); }
      .card {
        border: 1px solid var(--_tt-border);
        border-radius: var(--_tt-radius);
        background: var(--_card-bg);
        overflow: hidden;
      }
      .card.latest { border-color: var(--_latest); box-shadow: inset 3px 0 0 var(--_latest); }
      .head {
        display: grid;
        /* The id column gives way first: a long id never squeezes the metadata. */
        grid-template-columns: minmax(0, max-content) minmax(16rem, 1fr) auto;
        align-items: center;
        gap: var(--_tt-space-3);
        padding: var(--_tt-space-2) var(--_tt-space-3);
        background: var(--_tt-surface);
      }
      .head button.toggle { border: 0; background: transparent; padding: 0 4px; min-height: 28px; font-weight: 600; gap: 8px; min-width: 0; max-width: 100%; text-align: start; }
      .head button.toggle svg { transition: transform 0.12s; }
      .head button.toggle[aria-expanded='false'] svg { transform: rotate(-90deg); }
      .id { font-family: var(--_tt-font-mono); font-size: 0.8125rem; }
      .meta { display: flex; flex-wrap: wrap; gap: 4px var(--_tt-space-4); color: var(--_tt-text-dim); font-size: var(--_tt-font-size-sm); }
      .meta b { color: var(--_tt-text); font-weight: 500; }
      .tree { padding: var(--_tt-space-2) var(--_tt-space-4) var(--_tt-space-3) 28px; }
      .head button:not(.toggle) { font-size: var(--_tt-font-size-sm); }
      .res { border-top: 1px solid var(--_tt-border); padding: var(--_tt-space-2) 0; }
      .res:first-child { border-top: 0; }
      details { margin-inline-start: 0; }
      details details { margin-inline-start: 18px; }
      summary { cursor: pointer; padding: 2px 0; list-style-position: outside; }
      summary::marker { color: var(--_tt-text-dim); }
      .kv { display: flex; gap: 8px; padding: 2px 0 2px 18px; margin-inline-start: 18px; align-items: baseline; }
      .k { font-family: var(--_tt-font-mono); font-size: 0.8125rem; color: var(--_tt-text-dim); }
      .v { font-family: var(--_tt-font-mono); font-size: 0.8125rem; overflow-wrap: anywhere; }
      .v.string { color: var(--_tt-ok); }
      .v.number { color: var(--_tt-info); }
      .v.boolean, .v.null { color: var(--_tt-purple); }
      .v.block { white-space: pre-wrap; display: block; padding: 6px 8px; border-radius: 4px; background: var(--_tt-surface); }
      .rname { font-weight: 600; overflow-wrap: anywhere; }
      summary { overflow-wrap: anywhere; }
      .changes { color: var(--_tt-warn); font-weight: 600; }
      .kv.changed { background: var(--_tt-warn-bg); border-radius: 4px; }
      .kv .badge { margin-inline-start: auto; }
      .count { color: var(--_tt-text-dim); font-size: var(--_tt-font-size-sm); }
      .state {
        display: flex; flex-direction: column; align-items: center; gap: var(--_tt-space-2);
        padding: 48px var(--_tt-space-4); border: 1px dashed var(--_tt-border); border-radius: var(--_tt-radius);
        color: var(--_tt-text-dim); text-align: center;
      }
      .state strong { color: var(--_tt-text); font-size: 1rem; }
      .state.error { border: 1px solid var(--_tt-error); background: var(--_tt-error-bg); }
      .state.error strong, .state.error span { color: var(--_tt-error); }
      .banner { display: flex; gap: 8px; align-items: center; padding: 6px 12px; border: 1px solid var(--_tt-warn); background: var(--_tt-warn-bg); color: var(--_tt-warn); border-radius: var(--_tt-radius); }
      .banner button { margin-inline-start: auto; }
      .sk { padding: var(--_tt-space-3); display: flex; flex-direction: column; gap: 10px; border: 1px solid var(--_tt-border); border-radius: var(--_tt-radius); }
      @media (max-width: 640px) {
        .head { grid-template-columns: 1fr auto; }
        .head .meta { grid-column: 1 / -1; }
      }
    `,
];
