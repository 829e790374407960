/**
 * Saving what a <log-console> holds as a file: the file's name (the streams and the time) and the
 * browser download itself (an object URL clicked through a hidden link inside the element, so it
 * works in a shadow root and leaves nothing behind). The element builds the body and fires the
 * cancelable `log-download` event first.
 */
import type { LogDownloadFormat } from './log-console.events.js';

/** `scheduler+worker-01-2026-12-03T13-05-51.log`: streams (or "log"), UTC time, extension. */
export function logFilename(streams: readonly string[], format: LogDownloadFormat, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-').slice(0, 19);
  const name = (streams.join('+') || 'log').replace(/[^\w+.-]/g, '_');
  return `${name}-${stamp}.${format === 'text' ? 'log' : 'ndjson'}`;
}

export function logBlob(body: string, format: LogDownloadFormat): Blob {
  return new Blob([body], { type: format === 'text' ? 'text/plain;charset=utf-8' : 'application/x-ndjson' });
}

/** Start the browser's download of `blob` as `filename`, from a link appended to `root`. */
export function saveBlob(root: Node, blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.style.display = 'none';
  root.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
