// The small shared pieces in a real browser: syncStates (custom states) and ClockController.
import { expect, fixture, html as thtml, waitUntil } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { syncStates } from '../../src/elements/shared/custom-states.js';
import { ClockController } from '../../src/elements/shared/clock-controller.js';

class StatesFixture extends LitElement {
  readonly internals = this.attachInternals();
  override render() {
    return html`x`;
  }
}
customElements.define('states-fixture', StatesFixture);

let ticks = 0;
class ClockFixture extends LitElement {
  readonly clock = new ClockController(this, { interval: 40, onTick: () => ticks++ });
  override render() {
    return html`${this.clock.now}`;
  }
}
customElements.define('clock-fixture', ClockFixture);

/** Stand-in for a hidden tab: a headless test page cannot be hidden for real. */
function setVisibility(state: 'hidden' | 'visible') {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
  document.dispatchEvent(new Event('visibilitychange'));
}

describe('syncStates', () => {
  it('adds the true states and removes the false ones, so :state() selectors match', async () => {
    const el = await fixture<StatesFixture>(thtml`<states-fixture></states-fixture>`);
    syncStates(el.internals, { loading: true, error: false, stale: true });
    expect(el.matches(':state(loading)')).to.equal(true);
    expect(el.matches(':state(stale)')).to.equal(true);
    expect(el.matches(':state(error)')).to.equal(false);
    syncStates(el.internals, { loading: false, error: true });
    expect(el.matches(':state(loading)')).to.equal(false);
    expect(el.matches(':state(error)')).to.equal(true);
    expect(el.matches(':state(stale)')).to.equal(true); // not named: left as it was
  });

  it('tolerates engines without CustomStateSet, or whose set rejects a name', () => {
    expect(() => syncStates(undefined, { a: true })).not.to.throw();
    expect(() => syncStates({} as ElementInternals, { a: true })).not.to.throw();
    const throwing = { states: { add() { throw new DOMException('bad name', 'SyntaxError'); }, delete() { throw new Error('no'); } } };
    expect(() => syncStates(throwing as unknown as ElementInternals, { a: true, b: false })).not.to.throw();
  });
});

describe('ClockController', () => {
  afterEach(() => {
    delete (document as { visibilityState?: string }).visibilityState; // the prototype's getter again
  });

  it('ticks while connected, stops while the page is hidden, ticks at once on return, stops when disconnected', async () => {
    ticks = 0;
    const el = await fixture<ClockFixture>(thtml`<clock-fixture></clock-fixture>`);
    expect(el.clock.running).to.equal(true);
    await waitUntil(() => ticks >= 3, 'three ticks');
    const before = el.clock.now;
    expect(Number(el.shadowRoot!.textContent)).to.be.at.least(before - 1); // the host re-rendered

    setVisibility('hidden');
    expect(el.clock.running).to.equal(false);
    const hiddenAt = ticks;
    await new Promise((r) => setTimeout(r, 200)); // five intervals: none may tick
    expect(ticks).to.equal(hiddenAt);

    setVisibility('visible');
    expect(ticks).to.equal(hiddenAt + 1); // the catch-up tick, at once
    expect(el.clock.running).to.equal(true);
    await waitUntil(() => ticks >= hiddenAt + 3, 'ticking again');

    el.remove();
    expect(el.clock.running).to.equal(false);
    const gone = ticks;
    await new Promise((r) => setTimeout(r, 150));
    expect(ticks).to.equal(gone);
  });
});
