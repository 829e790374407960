/**
 * `journal:NAME=UNIT`: `journalctl -f -o json -u UNIT` (systemd's own reader: the journal's
 * file format is not a public API). PRIORITY 0–7 becomes the level, __REALTIME_TIMESTAMP the
 * time, SYSLOG_IDENTIFIER the source; the position kept is __CURSOR, so a successor goes on
 * with `--after-cursor`. `TELLTALE_JOURNALCTL` names another journalctl (tests).
 */
import { spawn } from 'node:child_process';
import { LineSplitter } from '../lines.js';
import { levelOfPriority } from '../levels.js';
import { registerSource } from './registry.js';

interface JournalEntry {
  MESSAGE?: string | number[] | null;
  PRIORITY?: string;
  __REALTIME_TIMESTAMP?: string;
  __CURSOR?: string;
  SYSLOG_IDENTIFIER?: string;
  _COMM?: string;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

registerSource({
  kind: 'journal',
  usage: 'journal:NAME=UNIT    a systemd unit\'s journal (journalctl -f -o json; priority → level)',
  validate(spec) {
    if (!spec.target) throw new Error(`source "${spec.raw}": journal needs a UNIT (journal:NAME=nginx.service)`);
    if (spec.name === '*') throw new Error(`source "${spec.raw}": journal needs a stream NAME, not *`);
  },
  async start(spec, ctx) {
    const out = ctx.stream(spec.name, `journal ${spec.target}`);
    const recorded = (await ctx.position(out.id)) as { cursor?: string } | undefined;
    const bin = process.env.TELLTALE_JOURNALCTL || 'journalctl';
    const args = ['-f', '-o', 'json', '-u', spec.target, ...(recorded?.cursor ? ['--after-cursor', recorded.cursor] : ['-n', String(ctx.keep)])];
    const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    out.status('live', `following the journal of ${spec.target}`);
    const splitter = new LineSplitter();
    child.stdout.on('data', (chunk: Buffer) => {
      for (const l of splitter.push(chunk)) {
        let e: JournalEntry;
        try {
          e = JSON.parse(l.text) as JournalEntry;
        } catch {
          out.line({ text: l.text, source: 'journalctl' });
          continue;
        }
        const msg = e.MESSAGE;
        // journald hands non-UTF-8 messages over as byte arrays.
        const text = typeof msg === 'string' ? msg : Array.isArray(msg) ? decoder.decode(Uint8Array.from(msg)) : '';
        const pri = Number(e.PRIORITY);
        out.line({
          text,
          level: Number.isInteger(pri) ? levelOfPriority(pri) : undefined,
          time: e.__REALTIME_TIMESTAMP ? Math.floor(Number(e.__REALTIME_TIMESTAMP) / 1000) : undefined,
          source: e.SYSLOG_IDENTIFIER ?? e._COMM,
          position: e.__CURSOR ? { cursor: e.__CURSOR } : undefined,
        });
      }
    });
    let errText = '';
    child.stderr.on('data', (c: Buffer) => (errText = (errText + c.toString('utf8')).slice(-2000)));
    child.on('error', (e: NodeJS.ErrnoException) => {
      const why = e.code === 'ENOENT' ? `${bin} not found: journal: needs systemd's journalctl` : `cannot run ${bin}: ${e.message}`;
      out.status('error', why);
      out.line({ text: why, level: 'error', source: 'relay' });
      ctx.say(`${spec.name}: ${why}`);
    });
    let stopping = false;
    child.on('close', (code) => {
      if (stopping) return;
      const why = `journalctl ended (code ${code})${errText.trim() ? `: ${errText.trim().split('\n').pop()}` : ''}`;
      out.status(code === 0 ? 'ended' : 'error', why);
      out.line({ text: why, level: code === 0 ? 'info' : 'error', source: 'relay' });
      ctx.say(`${spec.name}: ${why}`);
    });
    return {
      stop() {
        stopping = true;
        child.kill('SIGTERM');
      },
    };
  },
});
