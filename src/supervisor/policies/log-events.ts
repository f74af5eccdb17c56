import type { Logger } from 'pino';

import type { SupervisorEvent } from '../model/events.js';
import { formatBreach, formatMb } from '../proc/memory.js';
import type { Policy } from '../core/policy.js';

type Level = 'info' | 'warn' | 'error';

/** The level, message and fields of one event as logged (commands' env is never part of an event). */
export function toLogRecord(event: SupervisorEvent): {
  level: Level;
  msg: string;
  fields: Record<string, unknown>;
} {
  const { type, ...withTime } = event;
  const fields: Record<string, unknown> = { ...withTime };
  delete fields['at'];
  switch (event.type) {
    case 'memory.exceeded':
      return {
        level: 'error',
        msg: `${event.name} exceeded its memory limit: ${formatBreach(event.rssBytes, event.pssBytes, event.limitBytes)}`,
        fields,
      };
    case 'memory.shared_below_limit':
      return {
        level: 'info',
        msg: `${event.name}: RSS ${formatMb(event.rssBytes)} is over its limit of ${formatMb(event.limitBytes)}, but shared pages counted once (PSS) make ${formatMb(event.pssBytes)}: not killed`,
        fields,
      };
    case 'memory.sample_failed':
      return { level: 'warn', msg: `could not measure the memory of ${event.name}`, fields };
    case 'gate.timed_out':
    case 'health.failed':
      return { level: 'error', msg: event.detail, fields };
    case 'process.kill_forced':
      return {
        level: 'warn',
        msg: `${event.name} ignored SIGTERM: sent SIGKILL after the grace period`,
        fields,
      };
    case 'records.upload_failed':
      return {
        level: 'error',
        msg: `could not upload ${event.keys.length === 1 ? event.keys[0] : `${event.keys.length} objects`}: ${event.reason}`,
        fields,
      };
    case 'supervisor.finished':
      return { level: event.exitCode === 0 ? 'info' : 'error', msg: event.summary, fields };
    default:
      return { level: 'info', msg: type, fields };
  }
}

/** Logs every event as one JSON line with an `event` field, on a child logger per process. */
export function createLogEvents(logger: Logger): Policy {
  return {
    attach(sup) {
      const children = new Map<string, Logger>();
      const loggerFor = (name: string | undefined): Logger => {
        if (name === undefined) return logger;
        let child = children.get(name);
        if (child === undefined) {
          child = logger.child({ proc: name });
          children.set(name, child);
        }
        return child;
      };
      return sup.bus.on((event) => {
        const { level, msg, fields } = toLogRecord(event);
        const { name, ...rest } = fields as { name?: string };
        const log = loggerFor(name);
        const record = { event: event.type, ...rest };
        if (msg === event.type) log[level](record);
        else log[level](record, msg);
      });
    },
  };
}
