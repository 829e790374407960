/**
 * Page for the log-console benchmark and screenshots. `?mode=` picks what it shows:
 * `showcase` (a varied log, for looking at), `follow` (lines generated in the page and fed
 * with append() once per frame at `rate` lines/s), `fill` (`count` lines appended at once).
 */
import '../../src/elements/log-console/log-console.define.js';
import type { LogConsole } from '../../src/elements/log-console/log-console.js';
import { sampleLines, showcaseLines } from '../../src/elements/log-console/log-samples.js';
import type { LogLine } from '../../src/streams/models.js';

const params = new URLSearchParams(location.search);
const mode = params.get('mode') ?? 'showcase';
const el = document.querySelector('log-console') as LogConsole;
const w = window as any;

if (mode === 'showcase') {
  el.lines = showcaseLines();
  el.appendGap({ from: 49, to: 1248 }, 'scheduler');
  el.append(sampleLines(6, 'scheduler', 1248));
  w.__ready = true;
} else if (mode === 'follow') {
  const rate = Number(params.get('rate') ?? 10000);
  let sent = 0;
  let start = 0;
  w.__stats = { sent: 0 };
  w.__startFeed = () => {
    start = performance.now();
    const tick = (now: number) => {
      const due = Math.floor(((now - start) / 1000) * rate);
      if (due > sent) {
        const batch: LogLine[] = sampleLines(due - sent, 'scheduler', sent);
        sent = due;
        el.append(batch);
        w.__stats.sent = sent;
      }
      if (!w.__stopFeed) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  };
  w.__ready = true;
} else if (mode === 'fill') {
  const count = Number(params.get('count') ?? 100000);
  const chunk = 50000;
  for (let i = 0; i < count; i += chunk) el.append(sampleLines(Math.min(chunk, count - i), 'scheduler', i));
  w.__ready = true;
}
