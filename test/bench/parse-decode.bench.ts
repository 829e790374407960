/**
 * Parse-and-decode throughput of the hub's SSE path (Node): a generated live-protocol SSE
 * byte stream (activities, workers, removals, heartbeats; realistic sizes) is fed through
 * the same code the hub uses — TextDecoder → eventsource-parser → JSON.parse → live decoder
 * (full validation) — in 16 KiB chunks. Reports MiB/s and events/s, median of 5 runs.
 *
 *   node --import tsx test/bench/parse-decode.bench.ts [--events 50000] [--runs 5]
 *
 * Writes test/bench/results/parse-decode.json.
 */
import { writeResult } from './harness.js';
import os from 'node:os';
import { createParser } from 'eventsource-parser';
import { liveDecoder } from '../../src/streams/decoders/live.js';
import { parseJson } from '../../src/streams/decoders/validate.js';
import { rng } from '../../src/elements/shared/cluster/cluster-samples.js';

const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const EVENTS = arg('events', 50_000);
const RUNS = arg('runs', 5);
const CHUNK = 16 * 1024;

function generate(n: number): Uint8Array {
  const r = rng(42);
  const parts: string[] = ['retry: 1000\n\n: telltale live\n\n'];
  const t0 = 1763900000000;
  for (let id = 1; id <= n; id++) {
    const k = r();
    let event: string;
    let data: unknown;
    if (k < 0.7) {
      event = 'activity';
      const stages = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, i) => ({ name: `stage_${i}`, startedAt: t0 + id * 10 + i, endedAt: r() < 0.5 ? null : t0 + id * 10 + i + 5 }));
      data = {
        id: `act-${id.toString(16).padStart(6, '0')}`, type: 'execution', status: r() < 0.5 ? 'in_progress' : 'success', stage: 'executing',
        title: `CppCompile //base:strings_${id}`, detail: `clang++ -c base/strings_${id}.cc -o out/strings_${id}.o -O2 -Wall`,
        worker: `worker-${(id % 12) + 1}`, client: `client-ci-${id % 8}`, createdAt: t0 + id * 10, updatedAt: t0 + id * 10 + 7, stages, stdoutBytes: 120, stderrBytes: 0,
      };
    } else if (k < 0.95) {
      event = 'worker';
      data = {
        id: `worker-${(id % 12) + 1}`, status: 'working', subStatus: 'executing',
        metrics: { cpu: r(), memory: { used: 6442450944, total: 17179869184 }, disk: { used: 1.2e11, total: 5e11 }, network: { rxBps: 1e6 * r(), txBps: 1e5 * r() } },
        actions: [{ id: `act-${id}`, title: 'CppCompile //base:strings', stage: 'executing', startedAt: t0 + id }],
        lastHeartbeat: t0 + id * 10, platform: { OSFamily: 'linux', ISA: 'x86-64' },
      };
    } else {
      event = 'remove';
      data = { kind: 'activity', id: `act-${(id - 100).toString(16).padStart(6, '0')}` };
    }
    parts.push(`id: ${id}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    if (id % 500 === 0) parts.push(`: heartbeat ${t0 + id}\n\n`);
  }
  return new TextEncoder().encode(parts.join(''));
}

function run(bytes: Uint8Array): { ms: number; events: number } {
  let events = 0;
  let last = -1;
  const parser = createParser({
    onEvent(m) {
      const id = Number(m.id);
      const item = liveDecoder.event(m.event, parseJson(m.data, 'data'), id);
      if (item && id > last) {
        last = id;
        events++;
      }
    },
  });
  const decoder = new TextDecoder();
  const start = performance.now();
  for (let off = 0; off < bytes.length; off += CHUNK) {
    parser.feed(decoder.decode(bytes.subarray(off, off + CHUNK), { stream: true }));
  }
  return { ms: performance.now() - start, events };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const bytes = generate(EVENTS);
run(bytes); run(bytes); // warm up the JIT (two full passes)
const runs = Array.from({ length: RUNS }, () => run(bytes));
if (runs.some((r) => r.events !== EVENTS)) throw new Error(`decoded ${runs.map((r) => r.events)} events, expected ${EVENTS}`);
const mib = bytes.length / (1024 * 1024);
const medianMs = median(runs.map((r) => r.ms));
writeResult({
  name: 'parse-decode',
  target: 'throughput of SSE bytes → eventsource-parser → JSON.parse → validating live decoder (no target; 16 KiB chunks)',
  figures: {
    'MiB/s': Math.round((mib / (medianMs / 1000)) * 10) / 10,
    'events/s': Math.round(EVENTS / (medianMs / 1000)),
    'input MiB': Math.round(mib * 10) / 10,
    events: EVENTS,
    'median ms': Math.round(medianMs * 10) / 10,
    'load average (1 min)': Math.round(os.loadavg()[0] * 100) / 100,
  },
  met: null,
  runs: RUNS,
});
