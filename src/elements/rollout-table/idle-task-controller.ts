/**
 * Runs a job in small steps in the browser's idle time (requestIdleCallback; a 30 ms timer where
 * there is none) until the job says it is done: several steps per idle period while the period
 * has time left. It owns the scheduling only; the job (e.g. the rollout model's `prepareStep`)
 * owns its work. A controller because the steps stop when the host leaves the page and resume
 * when it comes back.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** One step of a job; returns true when the job is done. */
export type IdleStep = () => boolean;

/** Keep stepping while the idle period has more than this left (ms). */
const SLACK_MS = 10;

export class IdleTaskController implements ReactiveController {
  private job: IdleStep | null = null;
  private cancel: (() => void) | null = null;
  private connected = false;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** True while a job has steps left. */
  get pending(): boolean {
    return this.job !== null;
  }

  /** Run `job` from now on in idle time, replacing the job before (null: stop). */
  run(job: IdleStep | null): void {
    this.stop();
    this.job = job;
    if (job && this.connected) this.schedule();
  }

  hostConnected(): void {
    this.connected = true;
    if (this.job && !this.cancel) this.schedule();
  }

  hostDisconnected(): void {
    this.connected = false;
    this.stop();
  }

  private stop(): void {
    this.cancel?.();
    this.cancel = null;
  }

  private schedule(): void {
    const step = (deadline?: IdleDeadline) => {
      this.cancel = null;
      const job = this.job;
      if (!job) return;
      do {
        if (job()) {
          if (this.job === job) this.job = null;
          return;
        }
      } while (deadline && deadline.timeRemaining() > SLACK_MS);
      if (this.job === job) this.schedule();
    };
    if (typeof requestIdleCallback === 'function') {
      const h = requestIdleCallback(step, { timeout: 1000 });
      this.cancel = () => cancelIdleCallback(h);
    } else {
      const h = setTimeout(step, 30);
      this.cancel = () => clearTimeout(h);
    }
  }
}
