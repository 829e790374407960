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
  }
  .toolbar {
    position: absolute;
    top: var(--_tt-space-2);
    right: var(--_tt-space-2);
    display: flex;
    align-items: center;
    gap: var(--_tt-space-2);
  }
  .copied {
    font-size: var(--_tt-font-size-sm);
    color: var(--_tt-ok);
  }
  pre {
    margin: 0;
    padding: var(--_tt-space-3);
    padding-right: 96px;
    background: var(--_jv-bg);
    border: 1px solid var(--_tt-border);
    border-radius: var(--_tt-radius);
    font-family: var(--_tt-font-mono);
    font-size: var(--json-view-font-size, 0.8125rem);
    line-height: 1.5;
    overflow: auto;
    max-height: var(--json-view-max-height, none);
    white-space: pre;
    tab-size: 2;
  }
  .key { color: var(--_jv-key); }
  .string { color: var(--_jv-string); }
  .number { color: var(--_jv-number); }
  .boolean, .null { color: var(--_jv-literal); font-weight: 600; }
  .punct { color: var(--_jv-punct); }
  :host([wrap]) pre { white-space: pre-wrap; word-break: break-word; }
`;
