// A refused cross-origin request names the CORS flag of the server the element is talking to.
// This page (web-test-runner's origin) is another origin than the reference server, whose root
// world was started without --cors, so its Agent-lightning routes send no CORS headers.
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/elements/rollout-table/rollout-table.define.js';
import type { RolloutTable } from '../../src/elements/rollout-table/rollout-table.js';
import { createHub } from '../../src/streams/hub.js';
import { serverUrl } from '../helpers/server.js';

const errorText = (el: RolloutTable) => el.shadowRoot!.querySelector('[part="error"]')?.textContent ?? '';

describe('CORS errors name the server’s flag', () => {
  it('the reference server (without --cors): says start it with --cors', async () => {
    const el = await fixture<RolloutTable>(html`<rollout-table .hub=${createHub()} base-url=${serverUrl()}></rollout-table>`);
    // Until the probe answers, the hint names both flags; wait for the one that names this server.
    await waitUntil(() => /reference server: start it with --cors\b(?!-)/.test(errorText(el)), `no --cors hint; error: ${errorText(el)}`, { timeout: 15000 });
    expect(errorText(el)).to.contain('reference server');
    expect(errorText(el)).not.to.contain('--cors-origin');
  });

  it('another server (here: the test runner’s own, on another host name, without CORS): says --cors-origin with this page’s origin', async () => {
    // Same port, other host name: another origin that answers (404) with no CORS headers, and
    // has no Telltale `live/status` — as an Agent-lightning store started without --cors-origin.
    const other = new URL(location.href);
    other.hostname = other.hostname === '127.0.0.1' ? 'localhost' : '127.0.0.1';
    const el = await fixture<RolloutTable>(html`<rollout-table .hub=${createHub()} base-url=${other.origin + '/'}></rollout-table>`);
    await waitUntil(() => errorText(el).includes(`--cors-origin ${location.origin}`) && !errorText(el).includes('Telltale’s reference server: --cors'), `no --cors-origin hint; error: ${errorText(el)}`, { timeout: 15000 });
  });

  it('a dead port is unreachable, not a CORS refusal', async () => {
    const el = await fixture<RolloutTable>(html`<rollout-table .hub=${createHub()} base-url="http://127.0.0.1:9/"></rollout-table>`);
    await waitUntil(() => /Cannot reach the server/.test(errorText(el)), `not 'unreachable'; error: ${errorText(el)}`, { timeout: 15000 });
    expect(errorText(el)).not.to.contain('--cors');
  });
});
