/** An element bound with StreamController leaves no subscription and no timer behind when removed. */
import { expect, fixture, html } from '@open-wc/testing';
import { LitElement } from 'lit';
import { StreamController } from '../../src/streams/controller.js';
import { createHub } from '../../src/streams/hub.js';
import { createSandbox, type Sandbox } from '../helpers/server.js';
import { sleep, until } from './util.js';

let hub = createHub({ graceMs: 100 });
let base = '';

class HubProbe extends LitElement {
  count = 0;
  ctrl = new StreamController(this, () => hub.live(base, { heartbeatMs: 200 }).batches$, (b) => (this.count += b.events.length + (b.reset ? 1 : 0)));
}
customElements.define('hub-probe', HubProbe);

/** Track timers, intervals and animation frames created while `fn` runs and after. */
function trackTimers() {
  const live = new Set<unknown>();
  const w = window as any;
  const orig = { st: w.setTimeout, ct: w.clearTimeout, si: w.setInterval, ci: w.clearInterval, raf: w.requestAnimationFrame, caf: w.cancelAnimationFrame };
  const b = Object.fromEntries(Object.entries(orig).map(([k, f]) => [k, (f as Function).bind(w)])) as typeof orig;
  w.setTimeout = (fn: Function, ms?: number, ...a: unknown[]) => {
    const h = b.st((...x: unknown[]) => {
      live.delete(h);
      fn(...x);
    }, ms, ...a);
    live.add(h);
    return h;
  };
  w.clearTimeout = (h: unknown) => (live.delete(h), b.ct(h));
  w.setInterval = (fn: Function, ms?: number) => {
    const h = b.si(fn, ms);
    live.add(h);
    return h;
  };
  w.clearInterval = (h: unknown) => (live.delete(h), b.ci(h));
  w.requestAnimationFrame = (fn: FrameRequestCallback) => {
    const h: number = b.raf((t: number) => {
      live.delete('raf' + h);
      fn(t);
    });
    live.add('raf' + h);
    return h;
  };
  w.cancelAnimationFrame = (h: number) => (live.delete('raf' + h), b.caf(h));
  return {
    live,
    restore() {
      Object.assign(w, { setTimeout: orig.st, clearTimeout: orig.ct, setInterval: orig.si, clearInterval: orig.ci, requestAnimationFrame: orig.raf, cancelAnimationFrame: orig.caf });
    },
  };
}

describe('StreamController + hub: element lifecycle', () => {
  let sb: Sandbox;
  beforeEach(async () => {
    sb = await createSandbox({ seed: 3, paused: true, heartbeatMs: 200 });
    base = sb.url;
    hub = createHub({ graceMs: 100 });
  });
  afterEach(() => sb.dispose());

  it('an element removed from the page leaves no subscription, no connection and no timer behind', async () => {
    const timers = trackTimers();
    try {
      const el = await fixture<HubProbe>(html`<hub-probe></hub-probe>`);
      await until(() => el.count > 0, 3000, 'data in the element');
      expect(el.ctrl.active).to.equal(true);
      expect((await sb.stats()).connections.live).to.equal(1);
      expect(timers.live.size, 'timers while live (silence watchdog etc.)').to.be.greaterThan(0);
      el.remove();
      expect(el.ctrl.active).to.equal(false);
      await sleep(400); // grace period (100 ms) + teardown
      expect(hub.openSources()).to.deep.equal([]);
      expect((await sb.stats()).connections.live ?? 0).to.equal(0);
      await sleep(300); // the status throttle (250 ms) fires once at most
      expect([...timers.live], 'pending timers/frames').to.deep.equal([]);
    } finally {
      timers.restore();
    }
  });

  it('reconnecting the element resubscribes and joins with the current state', async () => {
    const el = await fixture<HubProbe>(html`<hub-probe></hub-probe>`);
    await until(() => el.count > 0, 3000);
    const parent = el.parentElement!;
    el.remove();
    el.count = 0;
    parent.append(el);
    await until(() => el.count > 0, 3000, 'state after re-attach');
    expect((await sb.stats()).opened.live, 'rejoined within the grace period: same connection').to.equal(1);
    el.remove();
  });
});
