/**
 * Page for the live-activity benchmark and screenshots. `?mode=burst` feeds live-protocol
 * events generated in the page through applyLiveEvents() once per animation frame (as the
 * hub's frame batching delivers them) at `rate` events/s: 40% new activities, 60% status
 * and stage updates of recent ones (updated in place). `?mode=showcase` just shows samples.
 */
import '../../src/elements/live-activity/live-activity.define.js';
import type { LiveActivity } from '../../src/elements/live-activity/live-activity.js';
import { sampleActivities, sampleActivity } from '../../src/elements/live-activity/live-activity.samples.js';
import type { Activity, LiveEvent } from '../../src/streams/models.js';

const params = new URLSearchParams(location.search);
const mode = params.get('mode') ?? 'showcase';
const el = document.querySelector('live-activity') as LiveActivity;
const w = window as any;
el.activities = sampleActivities(200);

if (mode === 'burst') {
  const rate = Number(params.get('rate') ?? 10000);
  // Templates cloned per event: the cost of building objects is part of what a decoder pays.
  const templates = Array.from({ length: 64 }, (_, k) => sampleActivity(k, Date.now()));
  const recent: Activity[] = [];
  let seq = 0;
  let next = 0;
  let sent = 0;
  let start = 0;
  const stages = ['queued', 'downloading_inputs', 'executing', 'uploading_outputs', 'completed'];
  w.__stats = { sent: 0, lastNewId: '' };
  w.__startFeed = () => {
    start = performance.now();
    const tick = (now: number) => {
      const due = Math.floor(((now - start) / 1000) * rate);
      const events: LiveEvent[] = [];
      const t = Date.now();
      for (; sent < due; sent++) {
        if (sent % 5 < 2 || recent.length === 0) {
          const tpl = templates[next++ % templates.length];
          const a: Activity = { ...tpl, id: `burst-${seq++}`, status: 'queued', stage: 'queued', createdAt: t, updatedAt: t };
          recent.push(a);
          if (recent.length > 400) recent.shift();
          events.push({ id: ++seq, kind: 'activity', data: a });
          w.__stats.lastNewId = a.id;
        } else {
          const i = recent.length - 1 - (sent % Math.min(recent.length, 300));
          const prev = recent[i];
          const k = Math.min(stages.length - 1, stages.indexOf(prev.stage) + 1);
          const done = stages[k] === 'completed';
          const upd: Activity = { ...prev, stage: stages[k], status: done ? (sent % 11 === 0 ? 'failed' : 'success') : 'in_progress', updatedAt: t };
          recent[i] = upd;
          events.push({ id: ++seq, kind: 'activity', data: upd });
        }
      }
      if (events.length) el.applyLiveEvents(events);
      w.__stats.sent = sent;
      w.__stats.elapsedMs = now - start;
      if (w.__feeding) requestAnimationFrame(tick);
    };
    w.__feeding = true;
    requestAnimationFrame(tick);
  };
  w.__stopFeed = () => (w.__feeding = false);
}
w.__ready = true;
