/** Events of <log-console>. All bubble and are composed. */
import type { LogLine } from '../../streams/models.js';

export type LogDownloadFormat = 'text' | 'ndjson';

/** The user downloaded what is loaded. Cancel it to handle the file yourself. */
export class LogDownloadEvent extends Event {
  static readonly eventName = 'log-download';
  constructor(
    readonly format: LogDownloadFormat,
    readonly filename: string,
    readonly blob: Blob,
    readonly lines: number,
  ) {
    super(LogDownloadEvent.eventName, { bubbles: true, composed: true, cancelable: true });
  }
}

/** A line was copied to the clipboard (plain text, ANSI stripped). */
export class LogCopyEvent extends Event {
  static readonly eventName = 'log-copy';
  constructor(
    readonly line: LogLine,
    readonly text: string,
  ) {
    super(LogCopyEvent.eventName, { bubbles: true, composed: true });
  }
}

/** Following the tail started or stopped (scrolling up pauses; "N new lines" resumes). */
export class LogFollowChangeEvent extends Event {
  static readonly eventName = 'log-follow-change';
  constructor(readonly following: boolean) {
    super(LogFollowChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

/** The filters changed (text box, levels or sources). */
export class LogFilterChangeEvent extends Event {
  static readonly eventName = 'log-filter-change';
  constructor(
    readonly filter: string,
    readonly levels: string[],
    /** The only source shown ('' = all sources). */
    readonly source: string,
    /** Rows shown after filtering. */
    readonly shown: number,
  ) {
    super(LogFilterChangeEvent.eventName, { bubbles: true, composed: true });
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'log-download': LogDownloadEvent;
    'log-copy': LogCopyEvent;
    'log-follow-change': LogFollowChangeEvent;
    'log-filter-change': LogFilterChangeEvent;
  }
}
