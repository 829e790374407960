import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/elements/settings-panel/settings-panel.define.js';
import '../../src/elements/rollout-table/rollout-table.define.js';
import '../../src/elements/telltale-provider/telltale-provider.define.js';
import type { SettingsPanel } from '../../src/elements/settings-panel/settings-panel.js';
import type { RolloutTable } from '../../src/elements/rollout-table/rollout-table.js';
import type { TelltaleProvider } from '../../src/elements/telltale-provider/telltale-provider.js';
import { createHub } from '../../src/streams/hub.js';
import { pageSettings$, updatePageSettings } from '../../src/streams/settings-store.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';

const sandboxes: Sandbox[] = [];
const q = <T extends Element>(el: Element, sel: string) => el.shadowRoot!.querySelector<T>(sel)!;

function choose(el: SettingsPanel, id: string, value: string) {
  const s = q<HTMLSelectElement>(el, `#${id}`);
  s.value = value;
  s.dispatchEvent(new Event('change', { bubbles: true }));
}
function typeUrl(el: SettingsPanel, value: string, commit = true) {
  const i = q<HTMLInputElement>(el, '#base-url');
  i.value = value;
  i.dispatchEvent(new Event('input', { bubbles: true }));
  if (commit) i.dispatchEvent(new Event('change', { bubbles: true }));
}

afterEach(async () => {
  document.documentElement.style.colorScheme = '';
  updatePageSettings({ baseUrl: '', autoRefreshMs: 0, theme: 'system', token: '' });
  expect(pageSettings$.value).to.deep.equal({ baseUrl: '', autoRefreshMs: 0, theme: 'system' });
  localStorage.removeItem('telltale.settings');
  await Promise.all(sandboxes.splice(0).map((s) => s.dispose()));
});

describe('<settings-panel>', () => {
  it('starts from the defaults: auto-refresh off, the page origin, system theme', async () => {
    const el = await fixture<SettingsPanel>(html`<settings-panel></settings-panel>`);
    expect(q<HTMLSelectElement>(el, '#refresh').value).to.equal('0');
    expect([...q<HTMLSelectElement>(el, '#refresh').options].map((o) => o.textContent!.trim())).to.deep.equal(['Off', 'Every 5 s', 'Every 15 s', 'Every 60 s', 'Every 300 s']);
    expect(q<HTMLInputElement>(el, '#base-url').value).to.equal('');
    expect(q<HTMLInputElement>(el, '#base-url').placeholder).to.equal(location.origin);
    expect(q(el, '.effective').textContent).to.contain(location.origin);
    expect(q<HTMLSelectElement>(el, '#theme').value).to.equal('system');
  });

  it('applies each change at once, fires settings-change and remembers it across a reload', async () => {
    const el = await fixture<SettingsPanel>(html`<settings-panel></settings-panel>`);
    setTimeout(() => choose(el, 'refresh', '15000'));
    const ev = await oneEvent(el, 'settings-change');
    expect(ev.detail.patch).to.deep.equal({ autoRefreshMs: 15000 });
    expect(pageSettings$.value.autoRefreshMs).to.equal(15000);
    choose(el, 'theme', 'dark');
    expect(document.documentElement.style.colorScheme).to.equal('dark');
    typeUrl(el, 'http://127.0.0.1:4747/');
    expect(pageSettings$.value.baseUrl).to.equal('http://127.0.0.1:4747');
    // A reload: a fresh copy of the settings store reads localStorage.
    expect(JSON.parse(localStorage.getItem('telltale.settings')!)).to.deep.equal({ baseUrl: 'http://127.0.0.1:4747', autoRefreshMs: 15000, theme: 'dark' });
    const fresh = await import(/* @vite-ignore */ new URL(`../../src/streams/settings-store.ts?reload=${Date.now()}`, import.meta.url).href);
    expect(fresh.pageSettings$).to.not.equal(pageSettings$);
    expect(fresh.pageSettings$.value).to.deep.equal({ baseUrl: 'http://127.0.0.1:4747', autoRefreshMs: 15000, theme: 'dark' });
    // And a new panel shows what was remembered.
    const again = await fixture<SettingsPanel>(html`<settings-panel></settings-panel>`);
    expect(q<HTMLSelectElement>(again, '#refresh').value).to.equal('15000');
    expect(q<HTMLSelectElement>(again, '#theme').value).to.equal('dark');
    expect(q<HTMLInputElement>(again, '#base-url').value).to.equal('http://127.0.0.1:4747');
  });

  it('rejects an invalid address inline without applying it', async () => {
    const el = await fixture<SettingsPanel>(html`<settings-panel></settings-panel>`);
    let fired = 0;
    el.addEventListener('settings-change', () => fired++);
    for (const bad of ['not a url', 'ftp://example.com', 'http://host/?q=1']) {
      typeUrl(el, bad);
      await el.updateComplete;
      const input = q<HTMLInputElement>(el, '#base-url');
      expect(input.getAttribute('aria-invalid'), bad).to.equal('true');
      expect(q(el, '#base-error').textContent!.length).to.be.greaterThan(10);
      expect(input.getAttribute('aria-describedby')).to.contain('base-error');
    }
    expect(fired).to.equal(0);
    expect(pageSettings$.value.baseUrl).to.equal('');
    await expect(el).to.be.accessible();
    typeUrl(el, '');
    await el.updateComplete;
    expect(q<HTMLInputElement>(el, '#base-url').getAttribute('aria-invalid')).to.equal('false');
  });

  it('changes what a rollout table on the page reads, live: backend address and auto-refresh', async () => {
    const a = await createSandbox({ seed: 1, paused: true, startTime: 1763900000000 });
    const b = await createSandbox({ seed: 2, paused: true, startTime: 1763900000000, rates: { rollouts: 0 } });
    sandboxes.push(a, b);
    updatePageSettings({ baseUrl: a.url });
    const hub = createHub();
    const wrap = await fixture<HTMLDivElement>(html`<div><settings-panel></settings-panel><rollout-table .hub=${hub}></rollout-table></div>`);
    const panel = wrap.querySelector('settings-panel')!;
    const tbl = wrap.querySelector('rollout-table') as RolloutTable;
    await waitUntil(() => tbl.shadowRoot!.querySelectorAll('tr[part="row"]').length > 0, 'rows from sandbox a');
    typeUrl(panel, b.url);
    await waitUntil(() => tbl.shadowRoot!.querySelector('[part="empty"]'), 'sandbox b is empty');
    expect(tbl.effectiveBase).to.equal(b.url);
    // Auto-refresh from the settings: requests keep coming without anyone asking.
    const before = (await b.stats()).requests['GET /v1/agl/rollouts'] ?? 0;
    updatePageSettings({ autoRefreshMs: 300 }); // what the select does, faster for the test
    await waitUntil(async () => ((await b.stats()).requests['GET /v1/agl/rollouts'] ?? 0) >= before + 2, 'auto-refreshed', { timeout: 5000 });
    choose(panel, 'refresh', '0');
    await new Promise((r) => setTimeout(r, 400));
    const stopped = (await b.stats()).requests['GET /v1/agl/rollouts'];
    await new Promise((r) => setTimeout(r, 800));
    expect((await b.stats()).requests['GET /v1/agl/rollouts']).to.equal(stopped);
  });

  it('inside a local provider, changes only that subtree', async () => {
    const wrap = await fixture<TelltaleProvider>(html`<telltale-provider local-settings><settings-panel></settings-panel></telltale-provider>`);
    const panel = wrap.querySelector('settings-panel')!;
    choose(panel, 'theme', 'dark');
    await wrap.updateComplete;
    expect(wrap.settings.theme).to.equal('dark');
    expect(wrap.style.colorScheme).to.equal('dark');
    expect(pageSettings$.value.theme).to.equal('system');
    expect(document.documentElement.style.colorScheme).to.not.equal('dark');
  });

  it('a provider without local-settings follows the page store', async () => {
    const wrap = await fixture<TelltaleProvider>(html`<telltale-provider><settings-panel></settings-panel></telltale-provider>`);
    choose(wrap.querySelector('settings-panel')!, 'refresh', '5000');
    await wrap.updateComplete;
    expect(wrap.settings.autoRefreshMs).to.equal(5000);
    expect(pageSettings$.value.autoRefreshMs).to.equal(5000);
  });

  it('takes an access token in a password field, never shows it again, remembers it, and forgets it', async () => {
    const el = await fixture<SettingsPanel>(html`<settings-panel></settings-panel>`);
    const input = q<HTMLInputElement>(el, '#token');
    expect(input.type).to.equal('password');
    expect(q(el, '#token-state').textContent).to.contain('No token set');
    input.value = 'two words';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(q(el, '#token-error').textContent).to.contain('no spaces');
    expect(pageSettings$.value.token ?? '').to.equal('');
    input.value = '  s3cret-Token  ';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
    expect(pageSettings$.value.token).to.equal('s3cret-Token');
    expect(JSON.parse(localStorage.getItem('telltale.settings')!).token).to.equal('s3cret-Token');
    expect(input.value, 'emptied once applied').to.equal('');
    expect(el.shadowRoot!.textContent).to.not.contain('s3cret-Token');
    expect(q(el, '#token-state').textContent).to.contain('A token is set (hidden)');
    q<HTMLButtonElement>(el, '[part="token-forget"]').click();
    await el.updateComplete;
    expect(pageSettings$.value.token).to.equal(undefined);
    expect(q(el, '#token-state').textContent).to.contain('No token set');
  });

  it('is accessible in light and dark', async () => {
    const el = await fixture<SettingsPanel>(html`<settings-panel></settings-panel>`);
    await expect(el).to.be.accessible();
    document.documentElement.style.colorScheme = 'dark';
    await expect(el).to.be.accessible();
  });
});
