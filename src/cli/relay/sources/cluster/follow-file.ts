/**
 * Follows a file that another program appends lines to (Bazel's `--build_event_json_file`),
 * by polling `stat`: the file may not exist yet, and a new build truncates it or replaces it
 * (new inode). Only complete lines (ending in `\n`) are handed on; a partial last line waits.
 * Polling, not fs.watch: watch misses replaced files and is unreliable on network and overlay
 * file systems, and a 250 ms stat is cheap.
 */
import { open, stat } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';

/** Bytes compared to tell a rewritten file: Bazel's first line names the build's uuid after its list of children (~400 bytes, more with more patterns). */
const HEAD_BYTES = 4096;

export interface FollowHandlers {
  /** Complete lines, in order, without their newline. */
  lines(lines: string[]): void;
  /** The file was truncated or replaced: what follows is a new file from its first byte. */
  restart(reason: 'truncated' | 'replaced'): void;
  /** The file does not exist (yet, or any more). */
  missing(): void;
  /** Bytes after the last newline that have waited `partialAfterMs` without one. */
  partial(bytes: number): void;
  /** Reading failed for another reason (permissions, a directory…). */
  failed(error: Error): void;
}

export interface FollowOptions {
  intervalMs?: number;
  /** How long a partial last line may wait before `partial()` is called. */
  partialAfterMs?: number;
  /** Read at most this many bytes per poll, so a huge file does not block the loop. */
  chunkBytes?: number;
}

export class FileFollower {
  private offset = 0;
  private ino: number | null = null;
  private mtimeMs = 0;
  /** The file's first bytes: a rewrite that reuses the inode and reaches the old size is still seen. */
  private head: Buffer | null = null;
  private decoder = new StringDecoder('utf8');
  private pending = '';
  private pendingSince = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;
  private wasMissing = false;
  private reportedPartial = false;
  private running: Promise<void> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly on: FollowHandlers,
    private readonly opts: FollowOptions = {},
  ) {}

  start(): void {
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** One poll; exposed for tests that want to step it. */
  async poll(): Promise<void> {
    let st;
    try {
      st = await stat(this.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        if (!this.wasMissing) this.on.missing();
        this.wasMissing = true;
        return;
      }
      this.on.failed(e as Error);
      return;
    }
    if (!st.isFile()) {
      this.on.failed(new Error(`${this.path} is not a regular file`));
      return;
    }
    if (this.ino !== null && st.ino !== this.ino) this.reset('replaced');
    else if (st.size < this.offset) this.reset('truncated');
    else if (this.wasMissing && this.ino !== null) this.reset('replaced');
    else if (this.head && st.mtimeMs !== this.mtimeMs && !(await this.sameHead())) this.reset('replaced');
    this.wasMissing = false;
    this.ino = st.ino;
    this.mtimeMs = st.mtimeMs;
    if (st.size > this.offset) await this.readFrom(st.size);
    if (this.pending && !this.reportedPartial && Date.now() - this.pendingSince >= (this.opts.partialAfterMs ?? 2000)) {
      this.reportedPartial = true;
      this.on.partial(Buffer.byteLength(this.pending));
    }
  }

  private async sameHead(): Promise<boolean> {
    const fh = await open(this.path, 'r');
    try {
      const buf = Buffer.alloc(this.head!.length);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      return bytesRead === buf.length && buf.equals(this.head!);
    } finally {
      await fh.close();
    }
  }

  private reset(reason: 'truncated' | 'replaced'): void {
    this.offset = 0;
    this.head = null;
    this.pending = '';
    this.reportedPartial = false;
    this.decoder = new StringDecoder('utf8');
    this.on.restart(reason);
  }

  private async readFrom(size: number): Promise<void> {
    const fh = await open(this.path, 'r');
    try {
      const want = Math.min(size - this.offset, this.opts.chunkBytes ?? 4 * 1024 * 1024);
      const buf = Buffer.alloc(want);
      const { bytesRead } = await fh.read(buf, 0, want, this.offset);
      if (this.offset === 0) this.head = Buffer.from(buf.subarray(0, Math.min(bytesRead, HEAD_BYTES)));
      this.offset += bytesRead;
      const text = this.pending + this.decoder.write(buf.subarray(0, bytesRead));
      const cut = text.lastIndexOf('\n');
      if (cut < 0) {
        if (!this.pending) this.pendingSince = Date.now();
        this.pending = text;
        return;
      }
      this.pending = text.slice(cut + 1);
      this.pendingSince = Date.now();
      this.reportedPartial = false;
      const lines = text.slice(0, cut).split('\n').map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
      this.on.lines(lines.filter((l) => l.length > 0));
    } finally {
      await fh.close();
    }
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.poll()
        .catch((e: Error) => this.on.failed(e))
        .finally(() => this.schedule(this.opts.intervalMs ?? 250));
    }, ms);
  }
}
