/**
 * `bep:NAME=PATH`: a Bazel Build Event Protocol JSON file (`--build_event_json_file`) mapped onto
 * the live protocol. Field by field in docs/relay-cluster.md. Written against Bazel 4.2
 * (Debian's bazel-bootstrap) and the fields newer Bazels add (action start/end times,
 * buildMetrics.networkMetrics), which are used when present.
 *
 * - every target (`targetConfigured`) → an `execution` activity: queued/configured → in_progress
 *   (progress text "[3 / 5] Executing genrule //:x") → success/failed (`targetCompleted`,
 *   `aborted`) with the exit code of its failed action;
 * - every action (`actionCompleted`, all of them with `--build_event_publish_all_actions`) → an
 *   `execution` activity; its stdout/stderr files are read for the output route;
 * - a test target of `bazel test` → an `execution` activity "test //pkg:t", in progress once the
 *   target is built, finished by its `testResult` (PASSED/FLAKY success, else failed with the exit
 *   code from test.xml), its test.log as stdout; each retry (`--flaky_test_attempts`) its own;
 * - `fetch` → a `download` activity;
 * - the invocation (`started`, `workspaceStatus`, `pattern`, `buildMetrics`, `buildFinished`) → a client.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Activity, ActivityStatus, ClientInfo } from '../../../../streams/models.js';
import { FileFollower } from './follow-file.js';
import { keepTail, StatusCell, type ClusterSource, type LiveFeed, type StatusListener } from './types.js';

/** The output route keeps at most 64 KiB per stream (docs/protocol.md). */
export const OUTPUT_CAP = 64 * 1024;
/** Activities kept per file; past this the oldest finished ones are removed. */
const MAX_ACTIVITIES = 2000;

/** A Bazel label as progress text prints it: `//pkg:name`, `@repo//pkg:name`, `//pkg`. */
const LABEL = String.raw`(?:@[\w.~+-]*)?\/\/[\w./+-]*(?::[^\s;:]+)?`;
/** "[4 / 5] Executing genrule //:slow; 1s linux-sandbox": an action of that target runs. */
const RUNNING = new RegExp(String.raw`^\[[\d,]+ \/ [\d,]+\] (.*?)(${LABEL})[;:]?`);
/** "INFO: From Executing genrule //:b:" (its output follows) or "ERROR: BUILD:4:8: Executing genrule //:bad failed: (Exit 3)". */
const FROM = new RegExp(String.raw`^(?:INFO|WARNING|ERROR): (?:.*?: )?(?:From )?(.*?)(${LABEL})(:| failed)`);

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface Invocation {
  uuid: string;
  clientId: string;
  client: ClientInfo;
  command: string;
  patterns: string[];
  host: string | null;
  finished: boolean;
}

/** The reason shown for a failure: the first line of Bazel's message (the rest is the command
 *  and its environment, which the detail and output already show), and the exit code. */
function reason(message: unknown, exitCode: number | null): string {
  const first = typeof message === 'string' ? message.split('\n')[0]!.trim() : '';
  return [first || 'failed', exitCode != null ? `exit code ${exitCode}` : ''].filter(Boolean).join('; ');
}

/** What a file read so far looks like; one per followed file. */
export class BepMapper {
  private inv: Invocation | null = null;
  private readonly activities = new Map<string, Activity>();
  /** Activity id of each target label in the current invocation. */
  private readonly targetByLabel = new Map<string, string>();
  /** Exit code of the failed action of each label, for its target. */
  private readonly exitByLabel = new Map<string, number>();
  /** Labels of test rules (`configured.testSize`): `bazel test` runs them once built. */
  private readonly testLabels = new Set<string>();
  /** Output files still to be read, in order (reads are async; events are not). */
  readonly pendingReads: Array<Promise<void>> = [];
  linesSeen = 0;
  eventsSeen = 0;

  constructor(
    readonly name: string,
    private readonly feed: LiveFeed,
    private readonly now: () => number = Date.now,
  ) {}

  get invocationId(): string | null {
    return this.inv?.uuid ?? null;
  }

  /** Parse one line. Returns an error message for a line that is not a BEP event, else null. */
  line(text: string): string | null {
    this.linesSeen++;
    let event: unknown;
    try {
      event = JSON.parse(text);
    } catch {
      return `line ${this.linesSeen} is not JSON (${JSON.stringify(text.slice(0, 40))}…)`;
    }
    if (!event || typeof event !== 'object' || Array.isArray(event) || typeof (event as Json).id !== 'object' || !(event as Json).id) {
      return `line ${this.linesSeen} is JSON but not a build event (no "id" object)`;
    }
    this.eventsSeen++;
    this.event(event as Json);
    return null;
  }

  /** The file restarted (a new build): what the old one left unfinished is canceled. */
  restart(): void {
    this.closeInvocation('canceled');
    this.targetByLabel.clear();
    this.exitByLabel.clear();
    this.testLabels.clear();
  }

  event(e: Json): void {
    const id = e.id as Json;
    const key = Object.keys(id)[0];
    const t = this.now();
    if (key === 'started' && e.started) return this.started(e.started, t);
    if (!this.inv) return; // events before `started` belong to no invocation we know
    this.inv.client.lastSeen = t;
    switch (key) {
      case 'workspaceStatus':
        return this.workspaceStatus(e.workspaceStatus);
      case 'pattern':
        if (Array.isArray(id.pattern?.pattern)) this.inv.patterns = id.pattern.pattern.map(String);
        return this.upsertClient();
      case 'targetConfigured':
        return this.targetConfigured(String(id.targetConfigured.label), e, t);
      case 'progress':
        return this.progress(e.progress ?? {}, t);
      case 'actionCompleted':
        return this.actionCompleted(id.actionCompleted, e.action ?? {}, t);
      case 'targetCompleted':
        return this.targetCompleted(String(id.targetCompleted.label), e, t);
      case 'testResult':
        return this.testResult(id.testResult, e.testResult ?? {}, t);
      case 'testSummary':
        return this.testSummary(String(id.testSummary?.label ?? ''), e.testSummary ?? {});
      case 'fetch':
        return this.fetch(String(id.fetch.url ?? ''), e, t);
      case 'buildMetrics':
        return this.buildMetrics(e.buildMetrics ?? {});
      case 'buildFinished':
        return this.buildFinished(e.finished ?? {}, t);
      default:
        return;
    }
  }

  // ── invocation → client ─────────────────────────────────────────────────────────────

  private started(s: Json, t: number): void {
    this.restart();
    const uuid = String(s.uuid ?? `inv-${t}`);
    const clientId = `${this.name}/${uuid.slice(0, 8)}`;
    const at = Number(s.startTimeMillis) || t;
    this.inv = {
      uuid,
      clientId,
      command: String(s.command ?? 'build'),
      patterns: [],
      host: null,
      finished: false,
      client: {
        id: clientId,
        address: String(s.workspaceDirectory ?? s.workingDirectory ?? ''),
        tool: `bazel ${s.command ?? ''}`.trim() + (s.buildToolVersion ? ` (${s.buildToolVersion})` : ''),
        status: 'active',
        executions: 0,
        bytesSent: 0,
        bytesReceived: 0,
        connectedAt: at,
        lastSeen: t,
        recent: [],
      },
    };
    this.upsertClient();
  }

  private workspaceStatus(ws: Json): void {
    const items = new Map<string, string>((ws.item ?? []).map((i: Json) => [String(i.key), String(i.value ?? '')]));
    const user = items.get('BUILD_USER');
    const host = items.get('BUILD_HOST');
    if (host) this.inv!.host = host;
    // Bazel writes workspaceStatus as the execution phase starts: every configured target is now
    // being built. (Bazel 4.2 writes no event when an action starts; the progress text naming a
    // running action reaches the file only with the next event, often after the action ended.)
    const t = this.now();
    for (const a of this.activities.values())
      if (a.client === this.inv!.clientId && a.status === 'queued' && a.id.startsWith(`${this.inv!.clientId}/target/`)) {
        a.worker = this.inv!.host;
        this.move(a, 'in_progress', 'building', t);
      }
    if (user || host) this.inv!.client.address = `${user ?? '?'}@${host ?? '?'}` + (this.inv!.client.address.startsWith('/') ? `:${this.inv!.client.address}` : '');
    this.upsertClient();
  }

  private buildMetrics(m: Json): void {
    const c = this.inv!.client;
    const executed = Number(m.actionSummary?.actionsExecuted);
    if (Number.isFinite(executed)) c.executions = executed;
    // Bazel ≥ 5 reports the machine's network traffic during the build.
    const net = m.networkMetrics?.systemNetworkStats;
    if (net) {
      c.bytesSent = Number(net.bytesSent) || c.bytesSent;
      c.bytesReceived = Number(net.bytesRecv) || c.bytesReceived;
    }
    this.upsertClient();
  }

  private buildFinished(f: Json, t: number): void {
    const inv = this.inv!;
    inv.finished = true;
    const code = Number(f.exitCode?.code ?? 0);
    inv.client.tool = `bazel ${inv.command} ${inv.patterns.join(' ')}`.trim() + ` → ${f.exitCode?.name ?? (code ? 'FAILED' : 'SUCCESS')}`;
    inv.client.lastSeen = Number(f.finishTimeMillis) || t;
    inv.client.status = 'idle';
    // Targets never completed (e.g. --nokeep_going stopped them) end with the build.
    for (const a of this.activities.values())
      if (a.client === inv.clientId && (a.status === 'queued' || a.status === 'in_progress'))
        this.finish(a, code ? 'canceled' : 'success', null, t);
    this.upsertClient();
  }

  private closeInvocation(status: ActivityStatus): void {
    const inv = this.inv;
    if (!inv) return;
    const t = this.now();
    for (const a of this.activities.values())
      if (a.client === inv.clientId && (a.status === 'queued' || a.status === 'in_progress')) this.finish(a, status, null, t);
    inv.client.status = 'disconnected';
    this.upsertClient();
    this.inv = null;
  }

  private upsertClient(): void {
    const inv = this.inv!;
    if (!inv.finished) inv.client.tool = `bazel ${inv.command} ${inv.patterns.join(' ')}`.trim();
    this.feed.upsert('client', { ...this.inv!.client, recent: [...this.inv!.client.recent] });
  }

  // ── targets and actions → activities ──────────────────────────────────────────────

  private activityId(kind: string, key: string): string {
    return `${this.inv!.clientId}/${kind}/${key}`;
  }

  private newActivity(id: string, type: Activity['type'], title: string, detail: string, status: ActivityStatus, stage: string, t: number): Activity {
    const a: Activity = {
      id,
      type,
      status,
      stage,
      title,
      detail,
      worker: this.inv!.host,
      client: this.inv!.clientId,
      createdAt: t,
      updatedAt: t,
      stages: [{ name: stage, startedAt: t, endedAt: null }],
      exitCode: null,
      stdoutBytes: 0,
      stderrBytes: 0,
    };
    this.activities.set(id, a);
    const c = this.inv!.client;
    c.recent = [id, ...c.recent.filter((r) => r !== id)].slice(0, 20);
    this.trim();
    return a;
  }

  private targetConfigured(label: string, e: Json, t: number): void {
    const id = this.activityId('target', label);
    const kind = String(e.configured?.targetKind ?? 'target').replace(/ rule$/, '');
    const a = this.activities.get(id) ?? this.newActivity(id, 'execution', `${kind} ${label}`, `target ${label}`, 'queued', 'configured', t);
    this.targetByLabel.set(label, id);
    if (e.configured?.testSize) this.testLabels.add(label);
    this.emit(a);
  }

  /** Progress text names running actions ("[4 / 5] Executing genrule //:slow; 1s linux-sandbox")
   *  and carries their output ("INFO: From Executing genrule //:b:\n<stderr>"). */
  private progress(p: Json, t: number): void {
    const stderr = typeof p.stderr === 'string' ? p.stderr : '';
    let lastLabel: string | null = null;
    let current: string | null = null;
    for (const line of stderr.split('\n')) {
      const running = RUNNING.exec(line);
      const from = FROM.exec(line);
      if (running) {
        current = null;
        this.inProgress(running[2]!, running[1]!.trim(), t);
      } else if (from) {
        current = from[2]!;
        lastLabel = current;
        const failed = / failed: \(Exit (\d+)\)/.exec(line);
        if (failed) this.exitByLabel.set(current, Number(failed[1]));
        this.appendTarget(current, 'stderr', line + '\n');
      } else if (/^(INFO|WARNING|ERROR|DEBUG):|^\[[\d,]+ \/|^(Loading|Analyzing):/.test(line)) {
        current = null;
      } else if (current && line) {
        this.appendTarget(current, 'stderr', line + '\n');
      }
    }
    // Bazel prints an action's stdout on its own stream, right after the "From" header.
    if (typeof p.stdout === 'string' && p.stdout && lastLabel) this.appendTarget(lastLabel, 'stdout', p.stdout);
  }

  private inProgress(label: string, what: string, t: number): void {
    const id = this.targetByLabel.get(label);
    const a = id ? this.activities.get(id) : undefined;
    if (!a || (a.status !== 'queued' && a.stage !== 'building')) return;
    a.detail = `${what} ${label}`.trim();
    this.move(a, 'in_progress', 'executing', t);
  }

  private appendTarget(label: string, which: 'stdout' | 'stderr', text: string): void {
    const id = this.targetByLabel.get(label);
    const a = id ? this.activities.get(id) : undefined;
    if (a) this.appendOutput(a, which, text);
  }

  private actionCompleted(key: Json, action: Json, t: number): void {
    const label = String(action.label ?? key.label ?? '');
    const out = String(key.primaryOutput ?? action.primaryOutput?.uri ?? '');
    const id = this.activityId('action', out || `${label}#${this.activities.size}`);
    const type = String(action.type ?? 'action');
    // A test's run is its `test` activity: Bazel calls the TestRunner action a success when the
    // test ran, whatever the test's own result, which on the Activity page would read "Success".
    if (type === 'TestRunner') return;
    // Genrules all start with the same setup line; what follows it is the rule's own command.
    const cmd = Array.isArray(action.commandLine) ? action.commandLine.map(String).join(' ').replace(/^\/bin\/bash -c source external\/bazel_tools\/tools\/genrule\/genrule-setup\.sh; /, '') : '';
    const started = Date.parse(action.startTime ?? '') || t;
    const a = this.activities.get(id) ?? this.newActivity(id, 'execution', `${type} ${label || out}`.trim(), keepTail(cmd, 2000) || out, 'in_progress', 'executing', started);
    const exit = action.failureDetail?.spawn?.spawnExitCode ?? action.exitCode;
    const success = action.success === true;
    const exitCode = success ? 0 : exit != null ? Number(exit) : null;
    if (!success && label && exitCode != null) this.exitByLabel.set(label, exitCode);
    this.finish(a, success ? 'success' : 'failed', exitCode, Date.parse(action.endTime ?? '') || t, false);
    if (!success) a.error = reason(action.failureDetail?.message, exitCode);
    // Bazel's failure message is generic ("local spawn failed for Genrule"): the command says more.
    if (!success && action.failureDetail?.message && !cmd) a.detail = keepTail(String(action.failureDetail.message), 2000);
    this.emit(a);
    for (const which of ['stdout', 'stderr'] as const) {
      const uri = action[which]?.uri;
      if (typeof uri === 'string' && uri.startsWith('file://')) this.readOutput(a, which, uri);
    }
  }

  private targetCompleted(label: string, e: Json, t: number): void {
    const id = this.targetByLabel.get(label) ?? this.activityId('target', label);
    const a = this.activities.get(id) ?? this.newActivity(id, 'execution', `target ${label}`, `target ${label}`, 'queued', 'configured', t);
    this.targetByLabel.set(label, id);
    if (e.aborted) {
      const why = [e.aborted.reason, e.aborted.description].filter(Boolean).join(': ');
      if (why) this.appendOutput(a, 'stderr', why + '\n');
      a.detail = `aborted: ${e.aborted.reason ?? 'unknown'}`;
      a.error = why || 'aborted';
      return this.finish(a, 'failed', null, t);
    }
    const c = e.completed ?? {};
    if (c.success === true) {
      this.finish(a, 'success', 0, t);
      // Built; `bazel test` runs it now (Bazel 4.2 writes no event when a test starts).
      if (this.inv!.command === 'test' && this.testLabels.has(label)) this.emit(this.testAttempt(label, '', t));
      return;
    }
    if (c.failureDetail?.message && !(a.stderrBytes ?? 0)) this.appendOutput(a, 'stderr', String(c.failureDetail.message) + '\n');
    const exitCode = c.failureDetail?.spawn?.spawnExitCode ?? this.exitByLabel.get(label) ?? null;
    a.error = reason(c.failureDetail?.message, exitCode);
    this.finish(a, 'failed', exitCode, t);
  }

  /** The activity of one attempt of a test: `test/<label>`, a retry, run or shard other than the first `test/<label>#<n…>`. */
  private testAttempt(label: string, suffix: string, t: number): Activity {
    const id = this.activityId('test', `${label}${suffix ? `#${suffix}` : ''}`);
    return this.activities.get(id) ?? this.newActivity(id, 'execution', `test ${label}`, `test ${label}${suffix ? ` #${suffix}` : ''}`, 'in_progress', 'testing', t);
  }

  private testResult(key: Json, r: Json, t: number): void {
    const label = String(key.label ?? '');
    const suffix = [key.run, key.shard, key.attempt].filter((n) => n != null && n !== 1 && n !== 0).join('.');
    const a = this.testAttempt(label, suffix, t);
    const status = String(r.status ?? 'NO_STATUS');
    const attempt = Number(key.attempt) || 1;
    a.detail = `${status}${r.cachedLocally ? ' (cached)' : ''}${r.testAttemptDurationMillis ? ` in ${r.testAttemptDurationMillis} ms` : ''}${attempt > 1 ? `, attempt ${attempt}` : ''}`;
    a.worker = r.executionInfo?.hostname || a.worker;
    const passed = status === 'PASSED' || status === 'FLAKY';
    this.finish(a, passed ? 'success' : 'failed', passed ? 0 : null, t, false);
    if (!passed) a.error = `test ${status}`;
    // The attempt's own run time when Bazel gives it (a cached result ran in an earlier build).
    const start = Number(r.testAttemptStartMillisEpoch);
    const ms = Number(r.testAttemptDurationMillis);
    const [testing, done] = a.stages.slice(-2);
    if (start > 0 && ms >= 0 && !r.cachedLocally && testing?.name === 'testing' && done) {
      testing.startedAt = Math.min(start, testing.startedAt);
      testing.endedAt = done.startedAt = done.endedAt = Math.max(start + ms, testing.startedAt);
      a.createdAt = Math.min(a.createdAt, testing.startedAt);
    }
    this.emit(a);
    for (const f of r.testActionOutput ?? []) {
      if (typeof f?.uri !== 'string' || !f.uri.startsWith('file://')) continue;
      if (f.name === 'test.log') this.readOutput(a, 'stdout', f.uri);
      // Bazel's test runner writes the test's exit code only into test.xml: "exited with error code 1".
      if (f.name === 'test.xml' && !passed) this.readExitCode(a, f.uri);
    }
  }

  /** A test that failed and then passed is FLAKY overall: each of its attempts says so. */
  private testSummary(label: string, s: Json): void {
    if (s.overallStatus !== 'FLAKY') return;
    const prefix = this.activityId('test', label);
    for (const a of this.activities.values())
      if ((a.id === prefix || a.id.startsWith(`${prefix}#`)) && !a.detail.endsWith('(FLAKY)')) {
        a.detail += ' (FLAKY)';
        this.emit(a);
      }
  }

  private readExitCode(a: Activity, uri: string): void {
    const read = readFile(fileURLToPath(uri), 'utf8')
      .then((xml) => {
        const m = /exited with error code (\d+)/.exec(xml);
        if (m && a.exitCode == null) {
          a.exitCode = Number(m[1]);
          a.error = `${a.error ?? 'test FAILED'}: ${m[0]}`;
          this.emit(a);
        }
      })
      .catch(() => {
        /* not written (timed out, remote): the exit code stays unknown */
      });
    this.pendingReads.push(read);
    void read.finally(() => this.pendingReads.splice(this.pendingReads.indexOf(read), 1));
  }

  private fetch(url: string, e: Json, t: number): void {
    const id = this.activityId('fetch', url);
    const a = this.activities.get(id) ?? this.newActivity(id, 'download', url, `fetch ${url}`, 'in_progress', 'downloading', t);
    if (!e.fetch?.success) a.error = `could not fetch ${url}`;
    this.finish(a, e.fetch?.success ? 'success' : 'failed', null, t);
  }

  // ── helpers ──────────────────────────────────────────────────────────────────────

  private move(a: Activity, status: ActivityStatus, stage: string, t: number): void {
    const last = a.stages[a.stages.length - 1];
    if (last && last.endedAt == null) last.endedAt = t;
    a.stages.push({ name: stage, startedAt: t, endedAt: null });
    a.status = status;
    a.stage = stage;
    a.updatedAt = t;
    this.emit(a);
  }

  private finish(a: Activity, status: ActivityStatus, exitCode: number | null, t: number, emit = true): void {
    if (a.status === 'success' || a.status === 'failed' || a.status === 'canceled') {
      if (emit) this.emit(a);
      return;
    }
    const last = a.stages[a.stages.length - 1];
    if (last && last.endedAt == null) last.endedAt = t;
    a.stages.push({ name: 'completed', startedAt: t, endedAt: t });
    a.status = status;
    a.stage = 'completed';
    a.exitCode = exitCode;
    a.updatedAt = t;
    if (emit) this.emit(a);
  }

  private appendOutput(a: Activity, which: 'stdout' | 'stderr', text: string): void {
    const key = which === 'stdout' ? 'stdoutBytes' : 'stderrBytes';
    const have = a[key] ?? 0;
    if (have >= OUTPUT_CAP) return;
    const part = text.slice(0, OUTPUT_CAP - have);
    a[key] = have + Buffer.byteLength(part);
    this.feed.appendOutput(a.id, which, part);
    this.emit(a);
  }

  /** Action output files live in bazel-out/_tmp and are reused by the next build: read now. */
  private readOutput(a: Activity, which: 'stdout' | 'stderr', uri: string): void {
    const read = readFile(fileURLToPath(uri))
      .then((buf) => {
        if (buf.length) this.appendOutput(a, which, keepTail(buf.toString('utf8'), OUTPUT_CAP));
      })
      .catch(() => {
        /* gone already (a remote build's output is not local): the progress text is all we have */
      });
    this.pendingReads.push(read);
    void read.finally(() => this.pendingReads.splice(this.pendingReads.indexOf(read), 1));
  }

  private emit(a: Activity): void {
    this.feed.upsert('activity', { ...a, stages: a.stages.map((s) => ({ ...s })) });
  }

  private trim(): void {
    if (this.activities.size <= MAX_ACTIVITIES) return;
    for (const [id, a] of this.activities) {
      if (this.activities.size <= MAX_ACTIVITIES) break;
      if (a.status === 'queued' || a.status === 'in_progress') continue;
      this.activities.delete(id);
      this.feed.remove('activity', id);
    }
  }
}

/** Follows PATH and feeds a `BepMapper`; status tells a missing file, a non-BEP file, a stuck partial line. */
export function bepSource(name: string, path: string, feed: LiveFeed, onStatus?: StatusListener, opts: { intervalMs?: number; partialAfterMs?: number } = {}): ClusterSource {
  const status = new StatusCell(onStatus);
  const mapper = new BepMapper(name, feed);
  let bad: string | null = null;
  const describe = () => `${mapper.eventsSeen} event${mapper.eventsSeen === 1 ? '' : 's'}` + (mapper.invocationId ? ` of build ${mapper.invocationId.slice(0, 8)}` : '');
  const follower = new FileFollower(
    path,
    {
      lines(lines) {
        for (const l of lines) {
          if (bad) return; // a file that is not BEP is not read further (until it is replaced)
          const err = mapper.line(l);
          if (err && mapper.eventsSeen === 0) {
            bad = `${path} is not a Bazel BEP JSON file: ${err}. Write it with bazel build --build_event_json_file=${path}`;
            status.error(bad);
            return;
          }
          if (err) status.error(`${path}: ${err}; skipped it, reading on`);
        }
        if (!bad) status.ok(`following ${path}: ${describe()}`);
      },
      restart(reason) {
        bad = null;
        mapper.restart();
        mapper.linesSeen = 0;
        mapper.eventsSeen = 0;
        status.waiting(`${path} was ${reason} (a new build): reading it from the start`);
      },
      missing() {
        status.waiting(`waiting for ${path} to exist (bazel build --build_event_json_file=${path})`);
      },
      partial(bytes) {
        if (!bad) status.waiting(`${path}: the last line is incomplete (${bytes} bytes without a newline); waiting for the rest. ${describe()} read`);
      },
      failed(error) {
        status.error(`cannot read ${path}: ${error.message}`);
      },
    },
    opts,
  );
  follower.start();
  return {
    kind: 'bep',
    name,
    target: path,
    status: () => status.get(),
    async stop() {
      await follower.stop();
      await Promise.all(mapper.pendingReads);
    },
  };
}
