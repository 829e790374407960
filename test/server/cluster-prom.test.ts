/**
 * `prom:NAME=URL` against a real prometheus-node-exporter on a loopback port: the worker shows
 * this machine's CPU, memory, disk and network, moving between scrapes; stopped, its heartbeat
 * stops (the board then shows Unavailable, then Offline). Bad input: an exporter that answers HTML.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { hostname } from 'node:os';
import { after, describe, it } from 'node:test';
import type { WorkerInfo } from '../../src/streams/models.js';
import { promSource } from '../../src/cli/relay/sources/cluster/prom.js';
import { MemoryFeed, type ClusterSource, type SourceStatus } from '../../src/cli/relay/sources/cluster/types.js';
import { freePort, startNodeExporter, waitFor } from './cluster-programs.js';

const sources: ClusterSource[] = [];
after(() => Promise.all(sources.map((s) => s.stop())));

describe('prom source, real node_exporter', () => {
  it('turns scrapes into a moving worker, and keeps the last heartbeat when the exporter stops', async () => {
    const exporter = await startNodeExporter();
    const feed = new MemoryFeed();
    const statuses: SourceStatus[] = [];
    const url = `http://127.0.0.1:${exporter.port}/metrics`;
    sources.push(promSource('this-machine', url, feed, (s) => statuses.push(s), { intervalMs: 400 }));
    try {
      const first = await waitFor('first scrape', () => feed.get<WorkerInfo>('worker', 'this-machine'));
      // One scrape has no rate yet: CPU and network are "not reported", never 0.
      assert.equal(first.metrics.cpu, null);
      assert.equal(first.metrics.network, null);
      assert.ok(first.metrics.memory!.total > first.metrics.memory!.used && first.metrics.memory!.used > 0);
      assert.ok(first.metrics.disk!.total > first.metrics.disk!.used && first.metrics.disk!.used > 0);
      assert.equal(first.platform.OSFamily, 'linux');
      assert.equal(first.platform.host, hostname());
      assert.equal(first.status, 'idle');
      assert.deepEqual(first.actions, []);
      // No BEP / NativeLink source names this host: the actions are unknown, not none.
      assert.equal(first.actionsReported, false);
      const scrapes = () => feed.log.filter((e) => e.kind === 'worker').map((e) => e.record as WorkerInfo);
      await waitFor('three scrapes', () => scrapes().length >= 3, 10_000);
      const later = scrapes().slice(1);
      for (const w of later) {
        assert.ok(w.metrics.cpu! >= 0 && w.metrics.cpu! <= 1, `cpu ${w.metrics.cpu}`);
        assert.ok(w.metrics.network!.rxBps >= 0 && w.metrics.network!.txBps >= 0);
      }
      const beats = scrapes().map((w) => w.lastHeartbeat!);
      assert.ok(beats[2]! > beats[0]!, 'the heartbeat moves with each scrape');
      assert.match(statuses.at(-1)!.message, /scraping .* every 0.4 s \(host /);

      await exporter.stop();
      const stoppedAt = Date.now();
      const err = await waitFor('error status', () => statuses.find((s) => s.state === 'error'));
      assert.match(err.message, /does not answer \(ECONNREFUSED\); last good scrape/);
      const count = scrapes().length;
      await new Promise((r) => setTimeout(r, 1200));
      assert.equal(scrapes().length, count, 'no upsert without a good scrape: the heartbeat ages');
      assert.ok(feed.get<WorkerInfo>('worker', 'this-machine')!.lastHeartbeat! <= stoppedAt);
    } finally {
      await exporter.stop();
    }
  });

  it('reports actions (and says so) once another source names the scraped host', async () => {
    const exporter = await startNodeExporter();
    const feed = new MemoryFeed();
    // What the relay's BEP source gives the prom source (kinds.ts hostActions): one build action
    // named on this host. The record shape is the BEP source's; the lookup is kinds.ts's.
    let running = true;
    const hostActions = {
      actionsOn: (host: string) =>
        running && host === hostname() ? [{ id: 'act-1', title: 'Genrule //pkg:slow', stage: 'executing', startedAt: Date.now() - 1000 }] : [],
      names: (host: string) => host === hostname(),
    };
    sources.push(promSource('this-machine', `http://127.0.0.1:${exporter.port}/metrics`, feed, undefined, { intervalMs: 300, hostActions }));
    try {
      const busy = await waitFor('a scrape with the action', () => feed.get<WorkerInfo>('worker', 'this-machine'));
      assert.equal(busy.status, 'working');
      assert.deepEqual(busy.actions.map((a) => a.id), ['act-1']);
      assert.equal('actionsReported' in busy, false, 'absent means reported');
      running = false;
      const idle = await waitFor('a scrape after the action ended', () => {
        const w = feed.get<WorkerInfo>('worker', 'this-machine');
        return w && w.actions.length === 0 ? w : undefined;
      });
      assert.equal(idle.status, 'idle');
      assert.equal('actionsReported' in idle, false, 'the host is named: an empty list means none run');
    } finally {
      await exporter.stop();
    }
  });

  it('says what is wrong with an exporter that answers HTML', async () => {
    const port = await freePort();
    const html: Server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><title>Login</title><p>Please sign in');
    });
    await new Promise<void>((r) => html.listen(port, '127.0.0.1', r));
    const feed = new MemoryFeed();
    const statuses: SourceStatus[] = [];
    const s = promSource('portal', `http://127.0.0.1:${port}/metrics`, feed, (st) => statuses.push(st), { intervalMs: 300 });
    sources.push(s);
    try {
      const err = await waitFor('error', () => statuses.find((x) => x.state === 'error'));
      assert.match(err.message, /answered HTML, not Prometheus text format \(text\/html\); is this a node_exporter \/metrics address\?/);
      assert.equal(feed.all('worker').length, 0);
    } finally {
      await s.stop();
      await new Promise((r) => html.close(r));
    }
  });
});
