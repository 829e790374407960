/** What every simulator of a world shares: the clock, the seed, the rates and the log sink. */
import type { LogLevel } from '../../../src/streams/models.js';

export interface Rates {
  /** New cluster activities (actions, uploads, downloads, client calls) per second. */
  activities: number;
  /** Background log lines per second, per stream (activity-driven lines come on top). */
  logLines: number;
  /** New seed-001 tasks per second. */
  tasks: number;
  /** New Agent-lightning rollouts per second. */
  rollouts: number;
  /** Seconds between new Agent-lightning resource versions. */
  resourcesEverySec: number;
}

export const DEFAULT_RATES: Rates = {
  activities: 1.5,
  logLines: 1,
  tasks: 0.2,
  rollouts: 0.25,
  resourcesEverySec: 120,
};

export interface LogSink {
  log(stream: string, level: LogLevel, text: string, source?: string): void;
}

export interface Simulator {
  /** Advance to `now` (epoch ms); `dt` ms have passed since the previous tick. */
  tick(now: number, dt: number): void;
}
