import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    position: relative;
    --_jv-bg: var(--json-view-background, var(--_tt-surface));
    --_jv-key: var(--json-view-key-color, light-dark(#7c2d9c, #d0a5ff));
    --_jv-string: var(--json-view-string-color, light-dark(#1b6e33, #8ce99a));
    --_jv-number: var(--json-view-number-color, light-dark(#a4450a, #ffb46b));
    --_jv-literal: var(--json-view-literal-color, light-dark(#1c56b8, #74c0fc));
    --_jv-punct: var(--json-view-punct-color, var(--_tt-text-dim));
    --_jv-marker: var(--json-view-marker-color, var(--_tt-warn));
  }
  .toolbar {
    position: absolute;
    top: var(--_tt-space-2);
    right: var(--_tt-space-2);
    z-index: 1;
    display: flex;
    align-items: center;
    gap: var(--_tt-space-2);
    max-width: calc(100% - 2 * var(--_tt-space-2));
  }
  .copied {
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-ok);
  }
  .copied:not(:empty) {
    padding: 2px var(--_tt-space-2);
    border-radius: var(--_tt-radius);
    background: var(--_tt-ok-bg);
  }
  .copied[data-failed] {
    color: var(--_tt-error);
    background: var(--_tt-error-bg);
  }
  .frame {
    background: var(--_jv-bg);
    color: var(--_tt-text);
    border: 1px solid var(--_tt-border);
    border-radius: var(--_tt-radius);
    overflow: hidden;
  }
  .code {
    display: block;
    margin: 0;
    padding: var(--_tt-space-3);
    padding-right: 96px;
    font-family: var(--_tt-font-mono);
    font-size: var(--json-view-font-size, 0.8125rem);
    line-height: 1.5;
    overflow: auto;
    max-height: var(--json-view-max-height, none);
    white-space: pre;
    tab-size: 2;
    box-sizing: border-box;
  }
  .code:focus-visible {
    outline: 2px solid var(--_tt-focus);
  }
  /* A long document: a fixed-height window of lines (no wrapping, every line one height). */
  .windowed {
    height: var(--json-view-window-height, 32rem);
    overflow-anchor: none;
  }
  .spacer {
    position: relative;
    min-width: 100%;
  }
  .rows {
    position: absolute;
    inset: 0 auto auto 0;
    min-width: 100%;
    will-change: transform;
  }
  .line {
    height: 1.5em;
    white-space: pre;
  }
  .key { color: var(--_jv-key); }
  .string { color: var(--_jv-string); }
  .number { color: var(--_jv-number); }
  .boolean, .null { color: var(--_jv-literal); font-weight: 600; }
  .punct { color: var(--_jv-punct); }
  .marker {
    color: var(--_jv-marker);
    background: var(--_tt-warn-bg);
    border-radius: 3px;
    padding: 0 3px;
    font-style: italic;
  }
  .code:focus-visible {
    outline-offset: -2px;
  }
  .depth {
    color: var(--_jv-punct);
    font-style: italic;
  }
  .note {
    margin: 0;
    padding: var(--_tt-space-1) var(--_tt-space-3);
    border-top: 1px solid var(--_tt-border);
    font-family: var(--_tt-font);
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-text-dim);
  }
  :host([wrap]) pre.code { white-space: pre-wrap; word-break: break-word; }
`;
