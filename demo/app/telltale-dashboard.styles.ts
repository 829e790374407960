import { css } from 'lit';
import { controls, tokens } from '../../src/styles/tokens.js';

export const styles = [
  tokens,
  controls,
  css`
    :host {
      /* 208 px: with the page's 16 px margins, 1280 px leaves the rollout table its 11 columns. */
      --_nav-w: var(--dashboard-nav-width, 208px);
      --_nav-bg: var(--dashboard-nav-bg, light-dark(#f8f9fa, #141517));
      --_page-bg: var(--dashboard-page-bg, light-dark(#ffffff, #1a1b1e));
      display: grid;
      grid-template-columns: var(--_nav-w) minmax(0, 1fr);
      grid-template-rows: 100dvh;
      height: 100dvh;
      background: var(--_page-bg);
    }
    .skip {
      position: absolute;
      left: -9999px;
      top: 8px;
      z-index: 100;
      padding: 8px 12px;
      background: var(--_tt-bg);
      border: 1px solid var(--_tt-border);
      border-radius: var(--_tt-radius);
    }
    .skip:focus { left: 8px; }
    .topbar { display: none; }
    app-drawer, app-toasts { position: absolute; }

    nav {
      grid-row: 1;
      display: flex;
      flex-direction: column;
      min-height: 0;
      background: var(--_nav-bg);
      border-inline-end: 1px solid var(--_tt-border);
      padding: var(--_tt-space-3);
      gap: var(--_tt-space-2);
    }
    a.brand {
      display: flex;
      align-items: center;
      gap: 10px;
      padding: 6px 8px 14px;
      color: var(--_tt-text);
      text-decoration: none;
      font-weight: 750;
      font-size: 1.15rem;
      letter-spacing: -0.01em;
    }
    .groups { flex: 1; overflow: auto; display: flex; flex-direction: column; gap: var(--_tt-space-3); }
    .group-label {
      padding: 4px 12px;
      font-size: 0.6875rem;
      font-weight: 700;
      letter-spacing: 0.06em;
      text-transform: uppercase;
      color: var(--_tt-text-dim);
    }
    ul { list-style: none; margin: 0; padding: 0; display: flex; flex-direction: column; gap: 2px; }
    nav ul a {
      display: flex;
      align-items: center;
      gap: 12px;
      padding: 9px 12px;
      border-radius: var(--_tt-radius);
      color: var(--_tt-text);
      text-decoration: none;
      font-weight: 500;
    }
    nav ul a .icon { color: var(--_tt-text-dim); flex: none; }
    nav ul a:hover { background: var(--_tt-surface-2); }
    nav ul a[aria-current='page'] {
      background: light-dark(#e7f0fd, #2c2e33);
      color: light-dark(#1c5fc9, #ffffff);
      font-weight: 600;
    }
    nav ul a[aria-current='page'] .icon { color: var(--_tt-accent); }
    .footer {
      border-top: 1px solid var(--_tt-border);
      padding: var(--_tt-space-3) 8px 4px;
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    .footer-label { font-size: var(--_tt-font-size-sm); font-weight: 650; color: var(--_tt-text-dim); }
    .footer connection-status { cursor: pointer; }
    .base { font-size: var(--_tt-font-size-sm); color: var(--_tt-text-dim); font-family: var(--_tt-font-mono); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }

    main {
      grid-row: 1;
      min-width: 0;
      min-height: 0;
      overflow: auto;
    }
    .page {
      display: flex;
      flex-direction: column;
      gap: var(--_tt-space-4);
      padding: 24px 16px 28px;
      min-height: 100%;
    }
    .page-head h1 {
      margin: 0;
      font-size: 2rem;
      font-weight: 750;
      letter-spacing: -0.02em;
      line-height: 1.2;
    }
    .page-head h1:focus { outline: none; }
    .page-head h1:focus-visible { outline: 2px solid var(--_tt-focus); outline-offset: 4px; }
    .page-head p { margin: 4px 0 0; color: var(--_tt-text-dim); }
    .page-body { flex: 1; min-height: 0; display: flex; flex-direction: column; }
    .page-body > * { flex: 1 1 auto; min-height: 0; }
    /* Viewers that scroll inside themselves get the rest of the viewport. */
    .page-body.logs, .page-body.activity, .page-body.tasks { height: calc(100dvh - 140px); min-height: 420px; flex: none; }
    .page-body.logs > *, .page-body.activity > *, .page-body.tasks > * { height: 100%; }
    .page-body.settings > * { flex: none; max-width: 44rem; }
    .log-page { display: flex; flex-direction: column; gap: var(--_tt-space-3); height: 100%; }
    .log-page log-console { flex: 1; min-height: 0; }
    .inline-field { display: inline-flex; align-items: center; gap: var(--_tt-space-2); font-weight: 600; font-size: var(--_tt-font-size-sm); color: var(--_tt-text-dim); }
    .inline-field select { min-height: 32px; font-weight: 400; color: var(--_tt-text); }
    code { font-family: var(--_tt-font-mono); }
    .page-body > .relay-hint { flex: none; align-self: flex-start; max-width: 48rem; height: auto; min-height: 0; padding: var(--_tt-space-4); border: 1px solid var(--_tt-border); border-radius: var(--_tt-radius); background: var(--_tt-surface); }
    .relay-hint p { margin: 0 0 var(--_tt-space-2); }
    .relay-hint ul { margin: 0 0 var(--_tt-space-3); padding-left: 1.2rem; }
    .relay-hint li code { white-space: pre-wrap; }
    .relay-hint pre { margin: 0 0 var(--_tt-space-3); padding: var(--_tt-space-3); overflow-x: auto; white-space: pre-wrap; background: var(--_tt-surface-2); border-radius: var(--_tt-radius); }
    .relay-hint .dim { color: var(--_tt-text-dim); }

    /* Drawer content */
    .details { display: flex; flex-direction: column; gap: var(--_tt-space-3); }
    .detail-head { display: flex; align-items: center; gap: var(--_tt-space-3); flex-wrap: wrap; }
    .detail-head .dur { font-weight: 650; font-variant-numeric: tabular-nums; }
    .detail-head .desc { color: var(--_tt-error); }
    dl { display: grid; grid-template-columns: max-content 1fr; gap: 6px 16px; margin: 0; }
    dt { color: var(--_tt-text-dim); font-size: var(--_tt-font-size-sm); font-weight: 600; padding-top: 2px; }
    dd { margin: 0; overflow-wrap: anywhere; }
    h3 { margin: 8px 0 0; font-size: 0.9375rem; }
    .mono { font-family: var(--_tt-font-mono); font-size: 0.8125rem; }
    .dim { color: var(--_tt-text-dim); }
    button.link { border: 0; background: none; padding: 0; min-height: 0; color: var(--_tt-accent); text-decoration: underline; }
    table.kv { border-collapse: collapse; width: 100%; font-size: 0.8125rem; }
    table.kv th, table.kv td { text-align: start; vertical-align: top; padding: 5px 8px; border-bottom: 1px solid var(--_tt-border); }
    table.kv th { font-family: var(--_tt-font-mono); font-weight: 500; color: var(--_tt-text-dim); width: 40%; overflow-wrap: anywhere; }
    table.kv.actions th { font-family: inherit; color: inherit; }
    table.kv.actions a { color: var(--_tt-accent); font-weight: 600; }
    table.kv td { font-family: var(--_tt-font-mono); overflow-wrap: anywhere; white-space: pre-wrap; }

    .scrim { display: none; }

    @media (max-width: 860px) {
      :host { grid-template-columns: minmax(0, 1fr); grid-template-rows: 52px minmax(0, 1fr); }
      .topbar {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 0 var(--_tt-space-3);
        border-bottom: 1px solid var(--_tt-border);
        background: var(--_nav-bg);
      }
      .topbar a.brand { padding: 0; font-size: 1.05rem; }
      .burger { border: 0; background: transparent; width: 40px; height: 40px; justify-content: center; padding: 0; }
      nav {
        position: fixed;
        inset: 52px auto 0 0;
        width: min(280px, 85vw);
        z-index: 20;
        transform: translateX(-105%);
        transition: transform 0.18s ease-out;
        visibility: hidden;
      }
      nav.open { transform: none; visibility: visible; box-shadow: 8px 0 24px rgb(0 0 0 / 0.3); }
      nav > a.brand { display: none; }
      .scrim:not([hidden]) { display: block; position: fixed; inset: 52px 0 0 0; background: rgb(0 0 0 / 0.4); z-index: 10; }
      main { grid-row: 2; }
      .page { padding: 16px; }
      .page-head h1 { font-size: 1.5rem; }
      .page-body.logs, .page-body.activity { height: calc(100dvh - 150px); }
    }
  `,
];
