/**
 * A line's level, read from the line where it says one: a JSON log's level field (names or
 * pino/bunyan numbers), logfmt `level=`, a leading `INFO` / `[WARN]` / `warning:`, glog's
 * `E1203`, a syslog `<PRI>`. Anything else is `info`.
 */
import type { LogLevel } from '../../streams/models.js';

const NAMES: Record<string, LogLevel> = {
  trace: 'trace',
  trc: 'trace',
  verbose: 'trace',
  debug: 'debug',
  dbg: 'debug',
  info: 'info',
  inf: 'info',
  information: 'info',
  notice: 'info',
  warn: 'warn',
  wrn: 'warn',
  warning: 'warn',
  error: 'error',
  err: 'error',
  fatal: 'error',
  critical: 'error',
  crit: 'error',
  alert: 'error',
  emerg: 'error',
  emergency: 'error',
  panic: 'error',
  severe: 'error',
};

/** syslog / journald priority 0–7. */
export function levelOfPriority(p: number): LogLevel {
  if (p <= 3) return 'error';
  if (p === 4) return 'warn';
  if (p <= 6) return 'info';
  return 'debug';
}

function levelOfValue(v: unknown): LogLevel | null {
  if (typeof v === 'string') return NAMES[v.trim().toLowerCase()] ?? null;
  if (typeof v === 'number') {
    // pino / bunyan: 10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal.
    if (v >= 50) return 'error';
    if (v >= 40) return 'warn';
    if (v >= 30) return 'info';
    if (v >= 20) return 'debug';
    if (v >= 10) return 'trace';
  }
  return null;
}

const JSON_KEYS = ['level', 'lvl', 'severity', 'log.level', 'loglevel', 'levelname', 'priority'];
const LOGFMT = /(?:^|\s)(?:level|lvl|severity)=("?)([A-Za-z]+)\1(?=\s|$)/;
const WORD = /^(?:\S+\s+){0,3}?\[?(TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|ERR|FATAL|CRITICAL|CRIT|PANIC)\]?(?=[\s:\]|,]|$)/;
const BRACKET = /^(?:\S+\s+){0,3}?\[(trace|debug|info|notice|warn|warning|error|fatal|critical)\]/i;
const GLOG = /^([IWEF])\d{4} /;
const SYSLOG = /^<(\d{1,3})>/;

export function detectLevel(text: string): LogLevel {
  const t = text.trimStart();
  if (t.startsWith('{')) {
    try {
      const o = JSON.parse(t) as Record<string, unknown>;
      if (o && typeof o === 'object') {
        for (const k of JSON_KEYS) {
          const v = k === 'log.level' ? (o.log as Record<string, unknown> | undefined)?.level : o[k];
          const l = k === 'priority' && typeof v === 'number' ? levelOfPriority(v) : levelOfValue(v);
          if (l) return l;
        }
      }
    } catch {
      // not JSON after all: read it as text
    }
  }
  const lf = LOGFMT.exec(t);
  if (lf) return NAMES[lf[2]!.toLowerCase()] ?? 'info';
  const sys = SYSLOG.exec(t);
  if (sys) return levelOfPriority(Number(sys[1]) % 8);
  const g = GLOG.exec(t);
  if (g) return ({ I: 'info', W: 'warn', E: 'error', F: 'error' } as const)[g[1] as 'I' | 'W' | 'E' | 'F'];
  const w = WORD.exec(t) ?? BRACKET.exec(t);
  if (w) return NAMES[w[1]!.toLowerCase()] ?? 'info';
  if (/^(warning|error|fatal):/i.test(t)) return NAMES[t.slice(0, t.indexOf(':')).toLowerCase()]!;
  return 'info';
}

/** A stderr line's level: what it says, else `warn` (undecorated stderr is worth a look). */
export function detectStderrLevel(text: string): LogLevel {
  const level = detectLevel(text);
  return level === 'info' && !/\binfo\b/i.test(text.slice(0, 40)) ? 'warn' : level;
}
