/**
 * `file:NAME=PATH`: follow a file like `tail -n KEEP -F`. The last `--keep` lines already in
 * the file are the backlog; then every complete line as it is written. Survives rotation
 * (rename + recreate: the old file is read to its end first), truncation (copytruncate) and
 * a file that does not exist yet. Polls `stat` (250 ms): it works the same on every file
 * system, inotify or not, and a log file is not worth more. The position kept with each line
 * is the file's identity (dev, inode) and the offset after the line.
 */
import { constants, type Stats } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { LineSplitter, looksBinary } from '../lines.js';
import { registerSource, type SourceContext, type SourceSpec, type StreamSink } from './registry.js';

export const POLL_MS = 250;
/**
 * Read at most this much per turn of the event loop, then let the sockets drain: a file read
 * in one go (a burst of 10,000 lines) would otherwise outrun every viewer's ring window.
 */
const CHUNK = 64 * 1024;
/** The backlog is looked for in at most this much of the file's end. */
const BACKLOG_BYTES = 64 * 1024 * 1024;

export interface FilePosition {
  dev: number;
  ino: number;
  offset: number;
}

function isFilePosition(p: unknown): p is FilePosition {
  const o = p as FilePosition;
  return Boolean(o) && typeof o.dev === 'number' && typeof o.ino === 'number' && typeof o.offset === 'number';
}

function why(e: NodeJS.ErrnoException, path: string): string {
  if (e.code === 'EACCES' || e.code === 'EPERM') return `no permission to read ${path} (run the relay as a user who may, e.g. in group adm for /var/log)`;
  if (e.code === 'EISDIR') return `${path} is a directory, not a file`;
  return `${path}: ${e.message}`;
}

class FileFollower {
  private fh: FileHandle | null = null;
  private ident: { dev: number; ino: number } | null = null;
  private splitter = new LineSplitter();
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private stopped = false;
  private lastProblem = '';
  private waited = false;

  constructor(
    private readonly path: string,
    private readonly out: StreamSink,
    private readonly ctx: SourceContext,
  ) {}

  async start(): Promise<void> {
    const recorded = await this.ctx.position(this.out.id);
    this.out.status('starting');
    await this.tick(isFilePosition(recorded) ? recorded : null);
    this.timer = setInterval(() => void this.tick(null), POLL_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.close();
  }

  private async tick(resume: FilePosition | null): Promise<void> {
    if (this.busy || this.stopped) return;
    this.busy = true;
    try {
      await this.step(resume);
    } catch (e) {
      this.problem('error', why(e as NodeJS.ErrnoException, this.path));
    } finally {
      this.busy = false;
    }
  }

  private async step(resume: FilePosition | null): Promise<void> {
    let st: Stats | null = null;
    try {
      st = await stat(this.path);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code !== 'ENOENT') throw err;
    }
    if (!st) {
      // Renamed away: what the writer still adds to the old file is read; then we wait.
      if (this.fh) await this.drain();
      else {
        this.waited = true;
        this.problem('waiting', `${this.path} does not exist yet; its lines will appear when it does`);
      }
      return;
    }
    if (!st.isFile()) {
      this.problem('error', st.isDirectory() ? `${this.path} is a directory, not a file` : `${this.path} is not a regular file`);
      return;
    }
    if (this.ident && (st.ino !== this.ident.ino || st.dev !== this.ident.dev)) {
      // Rotated: finish the old file, then follow the new one from its start.
      await this.drain();
      const rest = this.splitter.flush();
      for (const l of rest) this.emit(l.text, l.end);
      await this.close();
      this.note(`${this.path} was replaced (rotated); following the new file`);
      await this.openAt(st, 0);
    } else if (!this.fh) {
      // A file that appeared while we waited is read whole, as tail -F does.
      const same = resume && resume.ino === st.ino && resume.dev === st.dev && resume.offset <= st.size;
      const from = same ? resume.offset : resume || this.waited ? 0 : await this.backlogStart(st);
      if (resume && from === 0 && resume.offset > 0) this.note(`${this.path} is not the file the last reader left (rotated meanwhile); reading it from the start`);
      await this.openAt(st, from);
    } else if (st.size < this.splitter.offset) {
      // Truncated in place (copytruncate): start again at its beginning.
      this.splitter.reset(0);
      this.note(`${this.path} was truncated; reading it from the start`);
    }
    await this.drain();
  }

  private async openAt(st: Stats, offset: number): Promise<void> {
    this.fh = await open(this.path, constants.O_RDONLY);
    this.ident = { dev: st.dev, ino: st.ino };
    this.splitter = new LineSplitter(offset);
    this.checkedBinary = offset > 0;
    this.lastProblem = '';
    this.out.status('live', `following ${this.path}`);
  }

  private checkedBinary = false;

  /** Read from the offset to the end of the open file. */
  private async drain(): Promise<void> {
    if (!this.fh) return;
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await this.fh.read(buf, 0, CHUNK, this.splitter.offset);
      if (bytesRead === 0) return;
      const chunk = buf.subarray(0, bytesRead);
      if (!this.checkedBinary) {
        this.checkedBinary = true;
        if (looksBinary(chunk)) {
          await this.close();
          this.problem('error', `${this.path} is a binary file (it has NUL bytes), not a text log; not following it`);
          this.stopped = true;
          clearInterval(this.timer);
          return;
        }
      }
      for (const l of this.splitter.push(chunk)) this.emit(l.text, l.end);
      if (this.stopped) return;
      if (bytesRead === CHUNK) await new Promise((r) => setImmediate(r));
    }
  }

  /** Where the last `keep` lines begin (tail -n KEEP). */
  private async backlogStart(st: Stats): Promise<number> {
    const keep = this.ctx.keep;
    if (keep <= 0 || st.size === 0) return st.size;
    const fh = await open(this.path, constants.O_RDONLY);
    try {
      const buf = Buffer.allocUnsafe(64 * 1024);
      let pos = st.size;
      let newlines = 0;
      // The (keep+1)-th newline from the end closes the line before the backlog (a last
      // line still without its newline comes on top, when it is complete).
      while (pos > 0 && st.size - pos < BACKLOG_BYTES) {
        const n = Math.min(buf.length, pos);
        pos -= n;
        await fh.read(buf, 0, n, pos);
        for (let i = n - 1; i >= 0; i--) {
          if (buf[i] !== 10) continue;
          if (++newlines > keep) return pos + i + 1;
        }
      }
      return pos;
    } finally {
      await fh.close();
    }
  }

  private emit(text: string, end: number): void {
    if (this.out.keepsPositions === false) return this.out.line({ text }); // no object per line for nothing
    this.out.line({ text, position: { ...this.ident!, offset: end } satisfies FilePosition });
  }

  private note(text: string): void {
    this.out.line({ text: `── ${text} ──`, level: 'info', source: 'relay', position: this.ident ? { ...this.ident, offset: this.splitter.offset } : undefined });
  }

  private problem(state: 'waiting' | 'error', detail: string): void {
    this.out.status(state, detail);
    if (detail !== this.lastProblem) {
      this.lastProblem = detail;
      this.ctx.say(`${this.out.id}: ${detail}`);
      // On the stream too, so the dashboard and `telltale tail` say why nothing comes.
      this.out.line({ text: state === 'error' ? detail : `── ${detail} ──`, level: state === 'error' ? 'error' : 'warn', source: 'relay' });
    }
  }

  private async close(): Promise<void> {
    const fh = this.fh;
    this.fh = null;
    await fh?.close().catch(() => {});
  }
}

registerSource({
  kind: 'file',
  usage: 'file:NAME=PATH       follow a file like tail -n KEEP -F (rotation, truncation, not there yet)',
  validate(spec: SourceSpec) {
    if (!spec.target) throw new Error(`source "${spec.raw}": file needs a PATH (file:NAME=PATH)`);
    if (spec.name === '*') throw new Error(`source "${spec.raw}": file needs a stream NAME, not *`);
  },
  async start(spec, ctx) {
    const f = new FileFollower(resolve(spec.target), ctx.stream(spec.name, spec.target), ctx);
    await f.start();
    return f;
  },
});
