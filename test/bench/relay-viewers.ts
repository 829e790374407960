/**
 * Viewers for relay.bench.ts, in a process of their own so they do not share the relay's
 * event loop: N raw SSE connections to one URL. Each counts the events it gets; the first
 * `sampled` also read each line's write time (`t=<epoch ms>` in its text) for latency.
 * Talks to the parent over IPC: {cmd:'open', url, n, sampled} → {opened}; {cmd:'stats'} →
 * {min, max, latencies}; {cmd:'reset'}.
 */
import { connect, type Socket } from 'node:net';

interface Viewer {
  socket: Socket;
  events: number;
  tail: string;
  sampled: boolean;
}

const viewers: Viewer[] = [];
const MARK = Buffer.from('\nid: ');

/** The longest end of `chunk` that is a proper start of MARK (its length; 0: none). */
function markBegun(chunk: Buffer): number {
  for (let k = Math.min(MARK.length - 1, chunk.length); k > 0; k--) {
    let j = 0;
    while (j < k && chunk[chunk.length - k + j] === MARK[j]) j++;
    if (j === k) return k;
  }
  return 0;
}

/** Whether `chunk` begins with the rest of a MARK whose first `begun` bytes ended the last one. */
function startsWith(chunk: Buffer, begun: number): boolean {
  const rest = MARK.length - begun;
  if (chunk.length < rest) return false;
  for (let j = 0; j < rest; j++) if (chunk[j] !== MARK[begun + j]) return false;
  return true;
}
let latencies: number[] = [];
/** Connections the relay ended (a viewer too slow for it is cut; see sse.ts). */
let closed = 0;
const now = (): number => performance.timeOrigin + performance.now();

function open(url: string, n: number, sampled: number): Promise<void> {
  const u = new URL(url);
  let ready = 0;
  return new Promise((done) => {
    for (let i = 0; i < n; i++) {
      const v: Viewer = { socket: connect(Number(u.port), u.hostname), events: 0, tail: '', sampled: i < sampled };
      v.socket.setNoDelay(true);
      v.socket.write(`GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n`);
      let first = true;
      /** Bytes at the end of the last chunk that begin a mark (0: none). */
      let begun = 0;
      v.socket.on('data', (chunk: Buffer) => {
        if (first) {
          first = false;
          if (++ready === n) done();
        }
        if (!v.sampled) {
          // Count frames natively, without copying or allocating: with 5,000 of them the
          // viewers must not be the bottleneck. A mark split across chunks: its start ends
          // the last chunk (`begun` bytes of it), its rest begins this one.
          if (begun && startsWith(chunk, begun)) v.events++;
          let i = chunk.indexOf(MARK);
          while (i >= 0) {
            v.events++;
            i = chunk.indexOf(MARK, i + MARK.length);
          }
          begun = markBegun(chunk);
          return;
        }
        const text = v.tail + chunk.toString('latin1');
        let i = text.indexOf('\nid: ');
        let lastEnd = 0;
        while (i >= 0) {
          v.events++;
          const t = text.indexOf('t=', i);
          const e = text.indexOf(' ', t);
          if (t >= 0 && e > t) latencies.push(now() - Number(text.slice(t + 2, e)));
          lastEnd = i + 5;
          i = text.indexOf('\nid: ', lastEnd);
        }
        v.tail = text.slice(Math.max(lastEnd, text.length - 400));
      });
      v.socket.on('error', () => {});
      v.socket.on('close', () => void closed++);
      viewers.push(v);
    }
  });
}

process.on('message', (m: { cmd: string; url?: string; n?: number; sampled?: number }) => {
  if (m.cmd === 'open') void open(m.url!, m.n!, m.sampled ?? 0).then(() => process.send!({ opened: viewers.length }));
  else if (m.cmd === 'stats') {
    const counts = viewers.map((v) => v.events);
    process.send!({ min: Math.min(...counts), max: Math.max(...counts), latencies, cpu: process.cpuUsage(), closed });
  } else if (m.cmd === 'reset') {
    for (const v of viewers) v.events = 0;
    latencies = [];
    process.send!({ ok: true });
  } else if (m.cmd === 'close') {
    for (const v of viewers) v.socket.destroy();
    viewers.length = 0;
    closed = 0;
    process.send!({ ok: true });
  }
});
