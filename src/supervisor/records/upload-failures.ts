// The objects a batch could not put, as events: every one is named, however many there are, and
// each event stays bounded (one per reason and at most MAX_KEYS_PER_EVENT keys, the reason cut).
import type { SupervisorEvent } from '../model/events.js';

/** Keys listed by one `records.upload_failed` event; more of the same reason go in the next one. */
export const MAX_KEYS_PER_EVENT = 20;
/** A reason longer than this is cut (a store's message, an uploader's last stderr line). */
export const MAX_REASON_CHARS = 300;

export type UploadFailedEvent = Extract<SupervisorEvent, { type: 'records.upload_failed' }>;

export interface FailedObject {
  key: string;
  reason: string;
}

export function toBoundedReason(reason: string): string {
  return reason.length <= MAX_REASON_CHARS ? reason : `${reason.slice(0, MAX_REASON_CHARS - 1)}…`;
}

/** One event per reason (in order of first appearance) and per MAX_KEYS_PER_EVENT keys, in key order. */
export function toFailureEvents(
  what: string,
  failed: readonly FailedObject[],
  at: number,
): UploadFailedEvent[] {
  const byReason = new Map<string, string[]>();
  for (const { key, reason } of failed) {
    const bounded = toBoundedReason(reason);
    const keys = byReason.get(bounded) ?? [];
    keys.push(key);
    byReason.set(bounded, keys);
  }
  const events: UploadFailedEvent[] = [];
  for (const [reason, keys] of byReason) {
    for (let i = 0; i < keys.length; i += MAX_KEYS_PER_EVENT) {
      events.push({
        type: 'records.upload_failed',
        what,
        keys: keys.slice(i, i + MAX_KEYS_PER_EVENT),
        reason,
        at,
      });
    }
  }
  return events;
}
