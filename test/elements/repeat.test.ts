// The shared repeat (src/elements/shared/repeat.ts) in Chromium: lists whose rows churn keep a
// bounded DOM. lit-html 3.3.1–3.3.3's own repeat leaves one comment behind per removed row
// (lit/lit#5298), so a live feed grew without bound; these tests fail with lit's repeat.
import { expect, fixture, html as owcHtml, waitUntil } from '@open-wc/testing';
import { html, render } from 'lit';
import '../../src/elements/live-activity/live-activity.define.js';
import type { LiveActivity } from '../../src/elements/live-activity/live-activity.js';
import { sampleActivities, sampleActivity } from '../../src/elements/live-activity/live-activity.samples.js';
import { repeat } from '../../src/elements/shared/repeat.js';
import type { Activity, LiveEvent } from '../../src/streams/models.js';

const comments = (root: Node) => {
  let n = 0;
  const walk = (node: Node) => {
    if (node.nodeType === Node.COMMENT_NODE) n++;
    if (node instanceof Element && node.shadowRoot) walk(node.shadowRoot);
    for (let c = node.firstChild; c; c = c.nextSibling) walk(c);
  };
  walk(root);
  return n;
};

describe('shared repeat', () => {
  it('a sliding keyed window keeps two markers per row, however long it slides', () => {
    const host = document.createElement('ul');
    document.body.append(host);
    const draw = (first: number) =>
      render(
        html`${repeat(
          Array.from({ length: 20 }, (_, i) => first + i),
          (k) => k,
          (k) => html`<li>${k}</li>`,
        )}`,
        host,
      );
    for (let first = 0; first < 500; first += 3) draw(first);
    draw(500); // sweeps what the last slide left
    expect(host.querySelectorAll('li').length).to.equal(20);
    expect([...host.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal(Array.from({ length: 20 }, (_, i) => String(500 + i)));
    // Per row its two markers and its text's marker, 3 for the render root, and at most the
    // last slide's 2 leftovers: lit's repeat leaves ~330 more here.
    expect(comments(host)).to.be.at.most(20 * 3 + 3 + 2);
    host.remove();
  });

  it('keeps keyed elements while sweeping, through removals and reorders', () => {
    const host = document.createElement('div');
    document.body.append(host);
    const draw = (keys: number[]) =>
      render(html`${repeat(keys, (k) => k, (k) => html`<button data-k=${k}>${k}</button>`)}`, host);
    draw([1, 2, 3, 4, 5, 6]);
    const five = host.querySelector<HTMLButtonElement>('[data-k="5"]')!;
    draw([2, 4, 5, 6, 7]);
    draw([4, 5, 8, 9]);
    draw([5, 4, 9, 10, 11]);
    draw([12, 5, 13]);
    // (Identity compared as a boolean: chai formatting a DOM node in a failure message hangs.)
    expect(host.querySelector('[data-k="5"]') === five, 'row 5 is the same element').to.equal(true);
    expect([...host.querySelectorAll('button')].map((b) => b.dataset.k)).to.deep.equal(['12', '5', '13']);
    expect(comments(host)).to.be.at.most(3 * 3 + 3 + 6);
    host.remove();
  });
});

describe('live-activity under a flood', () => {
  it('keeps its DOM bounded while activities keep starting and finishing', async () => {
    const el = await fixture<LiveActivity>(owcHtml`<live-activity style="--live-activity-height:600px" max-events="200"></live-activity>`);
    el.activities = sampleActivities(50);
    await el.updateComplete;
    // Each frame 20 activities start and the 20 oldest running finish: "Active now" (keyed by
    // activity id, longest-running first) drops its top rows every frame, as on a busy cluster.
    let seq = 0;
    const started: Activity[] = [];
    const push = () => {
      const t = Date.now();
      const events: LiveEvent[] = [];
      for (let k = 0; k < 20; k++) {
        const a: Activity = { ...sampleActivity(seq % 64, t), id: `flood-${seq}`, status: 'in_progress', stage: 'executing', createdAt: t - 60_000 + seq, updatedAt: t };
        started.push(a);
        events.push({ id: ++seq, kind: 'activity', data: a });
      }
      if (started.length > 60)
        for (const a of started.splice(0, 20)) events.push({ id: ++seq, kind: 'activity', data: { ...a, status: 'success', stage: 'completed', updatedAt: t } });
      el.applyLiveEvents(events);
    };
    const frames = async (n: number) => {
      for (let i = 0; i < n; i++) {
        push();
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await frames(30);
    await waitUntil(() => el.shadowRoot!.querySelector('.active-item [data-id^="flood-"]'), '"Active now" shows the flood');
    const early = comments(el.shadowRoot!);
    await frames(150);
    await el.updateComplete;
    await new Promise((r) => setTimeout(r, 100));
    const late = comments(el.shadowRoot!);
    // lit's repeat left one comment per dropped row (thousands here); the swept list stays put.
    expect(late, `comments after 30 frames: ${early}, after 180: ${late}`).to.be.at.most(early + 40);
  });
});
