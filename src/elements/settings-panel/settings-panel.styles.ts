import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    max-width: var(--settings-panel-max-width, 720px);
    background: var(--_tt-bg);
  }
  .panel {
    display: flex;
    flex-direction: column;
    border: 1px solid var(--_tt-border);
    border-radius: var(--_tt-radius);
    background: var(--settings-panel-background, var(--_tt-bg));
  }
  .row {
    display: grid;
    grid-template-columns: minmax(180px, 1fr) minmax(220px, 1.3fr);
    gap: var(--_tt-space-2) var(--_tt-space-4);
    align-items: start;
    padding: var(--_tt-space-4);
  }
  .row + .row {
    border-top: 1px solid var(--_tt-border);
  }
  label.name {
    font-weight: 600;
  }
  .help {
    margin: 4px 0 0;
    color: var(--_tt-text-dim);
    font-size: var(--_tt-font-size-sm);
  }
  .control {
    display: flex;
    flex-direction: column;
    gap: 6px;
  }
  select,
  input {
    width: 100%;
    min-height: 34px;
  }
  input[aria-invalid='true'] {
    border-color: var(--_tt-error);
    outline-color: var(--_tt-error);
  }
  .error {
    color: var(--_tt-error);
    font-size: var(--_tt-font-size-sm);
  }
  .effective {
    color: var(--_tt-text-dim);
    font-size: var(--_tt-font-size-sm);
    font-family: var(--_tt-font-mono);
    word-break: break-all;
  }
  .inline {
    display: flex;
    gap: var(--_tt-space-2);
  }
  .inline button {
    flex: none;
    min-height: 34px;
  }
  code {
    font-family: var(--_tt-font-mono);
    font-size: 0.95em;
  }
  .saved {
    color: var(--_tt-ok);
    font-size: var(--_tt-font-size-sm);
    min-height: 1.2em;
  }
  @media (max-width: 560px) {
    .row {
      grid-template-columns: 1fr;
    }
  }
`;
