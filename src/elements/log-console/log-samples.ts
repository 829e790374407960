/**
 * Deterministic sample log lines for stories, screenshots and benchmarks (not used by the
 * element itself).
 */
import type { LogLevel, LogLine } from '../../streams/models.js';

const MESSAGES: Array<[LogLevel, string]> = [
  ['info', 'scheduler: assigned \u001b[36mact-{n}\u001b[0m CppCompile //base:strings to \u001b[1mworker-0{w}\u001b[0m'],
  ['debug', 'cas: FindMissingBlobs 12 digests, 3 missing ({ms} ms)'],
  ['info', 'worker-0{w}: executing clang++ -c base/strings.cc -o bazel-out/k8-opt/bin/base/_objs/strings.o'],
  ['trace', 'grpc: stream 0x{h} window update +65535'],
  ['info', 'ac: hit for action {h}… (\u001b[32mcached\u001b[0m)'],
  ['warn', 'worker-0{w}: memory pressure \u001b[33m87%\u001b[0m, deferring new actions for 250 ms'],
  ['info', 'upload: 4.2 MiB to cas in {ms} ms'],
  ['error', 'worker-0{w}: action act-{n} \u001b[31mfailed\u001b[0m with exit code 1: undefined reference to `absl::StrCat`'],
  ['debug', 'scheduler: queue depth {ms}, 12 workers idle'],
  ['info', 'client ci-7: Execute //net:http_test (priority 0)'],
];

/** Line `i` of a deterministic stream (same i, same line). */
export function sampleLine(i: number, source = 'scheduler', t0 = 1763900000000): LogLine {
  const [level, template] = MESSAGES[(i * 7 + (i >> 3)) % MESSAGES.length];
  const text = template
    .replace('{n}', String(10000 + i))
    .replace('{w}', String((i % 8) + 1))
    .replace('{ms}', String((i * 37) % 900))
    .replace('{h}', ((i * 2654435761) >>> 0).toString(16).padStart(8, '0'));
  return { id: i + 1, time: t0 + i * 37, level, source, text };
}

export function sampleLines(count: number, source = 'scheduler', from = 0): LogLine[] {
  const out: LogLine[] = new Array(count);
  for (let i = 0; i < count; i++) out[i] = sampleLine(from + i, source);
  return out;
}

/** A short, varied log: ANSI colours, every level, a repeated line, a long line. */
export function showcaseLines(source = 'scheduler'): LogLine[] {
  const lines = sampleLines(40, source);
  const t = lines[lines.length - 1].time;
  let id = lines.length;
  const add = (level: LogLevel, text: string) => lines.push({ id: ++id, time: t + (id - 40) * 120, level, source, text });
  add('info', 'heartbeat from worker-03 ok');
  add('info', 'heartbeat from worker-03 ok');
  add('info', 'heartbeat from worker-03 ok');
  add('warn', 'store \u001b[1mfast_slow\u001b[0m: slow tier latency \u001b[33m412 ms\u001b[0m (p99 over 1 min)');
  add('info', '\u001b[38;5;208mrollout\u001b[0m ro-0042 \u001b[48;2;30;80;30m\u001b[97m PASS \u001b[0m in 12.4 s');
  add('error', 'panic: runtime error: index out of range [5] with length 5\n\tat scheduler.go:218');
  add('info', 'a long line: ' + 'bazel-out/k8-opt/bin/external/com_google_absl/absl/strings/libstrings.a '.repeat(6));
  add('debug', 'hostile text is shown as text: <img src=x onerror=alert(1)> <script>alert(1)</script>');
  return lines;
}
