/**
 * Bytes → lines, the way every relay source needs it: a line is complete only at `\n` (a
 * line is never split or merged across reads), CRLF loses its `\r`, invalid UTF-8 becomes
 * U+FFFD (never a crash), and a line over `maxLineBytes` (64 KiB) is cut there with a
 * visible marker, the rest of it skipped without being held in memory (a 10 MB line costs
 * 64 KiB). Each line carries the byte offset just past its `\n`, the position a reader
 * records so a successor continues exactly there.
 */

export const MAX_LINE_BYTES = 64 * 1024;

export interface SplitLine {
  text: string;
  /** Offset (in the source's bytes) just past this line's newline. */
  end: number;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

export class LineSplitter {
  private parts: Buffer[] = [];
  private held = 0;
  /** Bytes of the current line dropped past the cap. */
  private dropped = 0;
  /** Offset of the next byte fed. */
  offset: number;

  constructor(
    startOffset = 0,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {
    this.offset = startOffset;
  }

  /** True while part of a line is waiting for its newline. */
  get partial(): boolean {
    return this.held > 0 || this.dropped > 0;
  }

  /** Feed the next bytes; returns the lines they completed. */
  push(chunk: Buffer): SplitLine[] {
    const out: SplitLine[] = [];
    let from = 0;
    while (from < chunk.length) {
      const nl = chunk.indexOf(10, from);
      if (nl >= 0 && this.held === 0 && this.dropped === 0 && nl - from <= this.maxLineBytes) {
        // The common case, a whole line inside this chunk: decoded in place, no copy.
        // (Node's UTF-8 decoding also turns invalid bytes into U+FFFD.)
        const end = nl > from && chunk[nl - 1] === 13 ? nl - 1 : nl;
        out.push({ text: chunk.toString('utf8', from, end), end: this.offset + nl + 1 });
        from = nl + 1;
        continue;
      }
      const to = nl < 0 ? chunk.length : nl;
      this.keep(chunk.subarray(from, to));
      if (nl < 0) break;
      out.push({ text: this.take(), end: this.offset + nl + 1 });
      from = nl + 1;
    }
    this.offset += chunk.length;
    return out;
  }

  /** The line in progress as a line of its own (the writer is gone: rotation, exit, EOF). */
  flush(): SplitLine[] {
    if (!this.partial) return [];
    return [{ text: this.take(), end: this.offset }];
  }

  /** Forget the line in progress and start again at `offset` (a truncated file). */
  reset(offset = 0): void {
    this.parts = [];
    this.held = 0;
    this.dropped = 0;
    this.offset = offset;
  }

  private keep(bytes: Buffer): void {
    const room = this.maxLineBytes - this.held;
    if (bytes.length <= room) {
      if (bytes.length) this.parts.push(Buffer.from(bytes));
      this.held += bytes.length;
    } else {
      if (room > 0) this.parts.push(Buffer.from(bytes.subarray(0, room)));
      this.held += Math.max(0, room);
      this.dropped += bytes.length - Math.max(0, room);
    }
  }

  private take(): string {
    let buf = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    if (buf.length && buf[buf.length - 1] === 13 && !this.dropped) buf = buf.subarray(0, buf.length - 1);
    let text = decoder.decode(buf);
    if (this.dropped) {
      // A cut may fall inside a UTF-8 sequence: its remains decode to U+FFFD, which is honest.
      text += ` … [line cut: ${this.dropped} more bytes not shown]`;
    }
    this.parts = [];
    this.held = 0;
    this.dropped = 0;
    return text;
  }
}

/** A first chunk with NUL bytes is not a text log (a binary file, a core dump…). */
export function looksBinary(chunk: Buffer): boolean {
  const n = Math.min(chunk.length, 8192);
  for (let i = 0; i < n; i++) if (chunk[i] === 0) return true;
  return false;
}
