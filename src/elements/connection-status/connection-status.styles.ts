import { css } from 'lit';

export const styles = css`
  :host {
    /* The shared green on its pale background is 4.46:1 in light mode; a shade darker passes AA. */
    --_tt-ok: var(--tt-color-ok, light-dark(#17702f, #69db7c));
    display: inline-block;
    --_cs-live: var(--connection-status-live-color, var(--_tt-ok));
    --_cs-live-bg: var(--connection-status-live-background, var(--_tt-ok-bg));
  }
  button {
    display: inline-flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 8px;
    width: 100%;
    padding: 6px 10px;
    border: 1px solid var(--_tt-border);
    border-radius: var(--_tt-radius);
    background: var(--_tt-surface);
    color: var(--_tt-text);
    text-align: left;
    font-size: var(--_tt-font-size-sm);
    cursor: pointer;
  }
  .pill {
    display: inline-flex;
    align-items: center;
    gap: 6px;
    padding: 1px 8px;
    border-radius: 999px;
    font-weight: 700;
    text-transform: uppercase;
    letter-spacing: 0.03em;
    background: var(--_tt-neutral-bg);
    color: var(--_tt-neutral);
  }
  .dot {
    width: 8px;
    height: 8px;
    border-radius: 50%;
    background: currentColor;
  }
  :host(:state(live)) .pill { background: var(--_cs-live-bg); color: var(--_cs-live); }
  :host(:state(polling)) .pill { background: var(--_tt-info-bg); color: var(--_tt-info); }
  :host(:state(connecting)) .pill,
  :host(:state(reconnecting)) .pill { background: var(--_tt-warn-bg); color: var(--_tt-warn); }
  :host(:state(offline)) .pill { background: var(--_tt-neutral-bg); color: var(--_tt-neutral); }
  :host(:state(error)) .pill { background: var(--_tt-error-bg); color: var(--_tt-error); }
  :host(:state(live)) .dot { box-shadow: 0 0 0 3px color-mix(in srgb, currentColor 25%, transparent); }
  :host(:state(reconnecting)) .dot,
  :host(:state(connecting)) .dot { animation: cs-pulse 1.2s ease-in-out infinite; }
  /* The word blinks by its chip: the chip's background comes and goes, the text keeps its
     colour, so it reads at every moment (fading the text itself measured 1.6:1 at the faint end). */
  .refreshing {
    position: relative;
    z-index: 0;
    padding: 0 4px;
    font-weight: 700;
    color: var(--_tt-info);
  }
  .refreshing::before {
    content: '';
    position: absolute;
    inset: 0;
    z-index: -1;
    border-radius: 4px;
    background: var(--_tt-info-bg);
    animation: cs-blink 1s steps(2, jump-none) infinite;
  }
  .age,
  .role,
  .server {
    color: var(--_tt-text-dim);
    font-variant-numeric: tabular-nums;
  }
  /* The whole address, wrapping (after the scheme first): the sidebar's box is ~145 px of text
     and cut "http://localhost:8080" to "http://localhost:80…". */
  .server {
    flex-basis: 100%;
    min-width: 0;
    overflow-wrap: anywhere;
    font-family: var(--_tt-font-mono);
  }
  .role {
    border: 1px solid var(--_tt-border);
    border-radius: 4px;
    padding: 0 4px;
  }
  @keyframes cs-blink {
    50% { opacity: 0; }
  }
  @keyframes cs-pulse {
    50% { opacity: 0.35; }
  }
  @media (prefers-reduced-motion: reduce) {
    .refreshing::before,
    .dot {
      animation: none !important;
    }
    .refreshing {
      text-decoration: underline dotted;
    }
  }
`;
