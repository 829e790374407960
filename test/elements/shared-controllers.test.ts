// The small shared pieces in a real browser: syncStates (custom states), ClockController and
// LazyPart (a part that fails, one held back by its name).
import { expect, fixture, fixtureSync, html as thtml, waitUntil } from '@open-wc/testing';
import { LitElement, css, html } from 'lit';
import { syncStates } from '../../src/elements/shared/custom-states.js';
import { ClockController } from '../../src/elements/shared/clock-controller.js';
import { TelltaleElement } from '../../src/elements/shared/telltale-element.js';
import { holdPart, restoreParts } from '../helpers/lazy-parts.js';

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

/** Two parts asked for after the first paint: one whose load rejects with a string (not an Error), one that loads. */
const partModule = (text: string) => ({ styles: [css`.part { color: rgb(1, 2, 3); }`], text });
class PartsFixture extends TelltaleElement {
  readonly broken = this.lazyPart('fixture-broken', () => Promise.reject<ReturnType<typeof partModule>>('chunk gone (a string)'));
  readonly fine = this.lazyPart('fixture-fine', async () => partModule('fine part'));
  /** `broken.failed` as each render read it. */
  readonly seen: unknown[] = [];
  override render() {
    this.seen.push(this.broken.failed);
    return html`<p class="broken">${this.broken.need()?.text ?? `failed: ${this.broken.failed?.message ?? '…'}`}</p>
      <p class="part">${this.fine.need()?.text ?? 'plain'}</p>`;
  }
}
customElements.define('parts-fixture', PartsFixture);

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

describe('LazyPart', () => {
  afterEach(restoreParts);

  it('a load that fails with something not an Error: `failed` is one Error saying why, the same at every render', async () => {
    const el = await fixture<PartsFixture>(thtml`<parts-fixture></parts-fixture>`);
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.broken')!.textContent).to.equal('failed: chunk gone (a string)');
    for (let i = 0; i < 3; i++) {
      el.requestUpdate();
      await el.updateComplete;
    }
    const failed = el.seen.filter((f) => f !== null);
    expect(failed.length, 'renders after the failure').to.be.at.least(4);
    expect(failed[0]).to.be.instanceOf(Error);
    expect(new Set(failed).size, 'made once, not at every read').to.equal(1);
  });

  it('a part held back by its name waits (the others do not), then arrives with its styles when let go', async () => {
    const gate = holdPart('fixture-fine');
    const el = fixtureSync<PartsFixture>(thtml`<parts-fixture></parts-fixture>`);
    let settled = false;
    void el.updateComplete.then(() => (settled = true));
    await waitUntil(() => el.shadowRoot!.querySelector('.broken')?.textContent?.startsWith('failed'), 'the part not held failed on its own');
    expect(gate.asked, 'asked for once, after the first paint').to.equal(1);
    const part = el.shadowRoot!.querySelector<HTMLElement>('.part')!;
    expect(part.textContent).to.equal('plain');
    expect(settled, 'updateComplete waits for the part the render needed').to.equal(false);
    gate.release();
    await el.updateComplete;
    expect(part.textContent).to.equal('fine part');
    expect(getComputedStyle(part).color, 'its styles adopted').to.equal('rgb(1, 2, 3)');
  });

  it('a part made to fail by its name: `failed` says so, and it is not asked for again at every render', async () => {
    const gate = holdPart('fixture-fine');
    gate.fail();
    const el = await fixture<PartsFixture>(thtml`<parts-fixture></parts-fixture>`);
    await waitUntil(() => el.fine.failed, 'failed');
    expect(el.fine.failed!.message).to.contain('fixture-fine');
    el.requestUpdate();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('.part')!.textContent).to.equal('plain');
    expect(gate.asked).to.equal(1);
  });
});
