// How much of each log the page embeds: at most records.log_tail each, and all of them together at
// most LOGS_BUDGET_BYTES. The process that ended the run and those that failed get their tail
// first (in that order); the others share what is left, a short log giving what it does not need
// to the longer ones.

/**
 * All the logs of a page together: 3 MiB of page bytes (escaping included). With the page's own
 * 300 KB and a few hundred bytes of markup per process, the page stays under 4 MB: the least body
 * the uploader's declared memory allows for (2 × max(4 × min(T, 2 MB), T), T = log_tail rounded up
 * to whole MB, is at least 2 × 4 MB: one page and its masked copy), whatever log_tail is. A browser
 * opens it at once and its filter stays quick. The whole of each log is beside the page.
 */
export const LOGS_BUDGET_BYTES = 3 * 1048576;

export interface BudgetItem {
  /** the log's size in bytes (0: no log) */
  size: number;
  /** it ended the run (1st) or failed (2nd): its tail first */
  priority: 0 | 1 | 2;
}

/** Each item's allotment in page bytes, in the items' order. */
export function toLogAllotments(items: readonly BudgetItem[], perLog: number, total: number): number[] {
  // a log's page bytes: its size at least (escaping can only add), records.log_tail at most
  const need = items.map((item) => Math.min(perLog, item.size));
  const out = items.map(() => 0);
  let left = total;
  const order = items.map((_, i) => i);
  for (const priority of [1, 2] as const) {
    for (const i of order.filter((j) => items[j]?.priority === priority)) {
      // its escaped tail may take more than its size: give what records.log_tail allows
      out[i] = Math.min(items[i]?.size === 0 ? 0 : perLog, left);
      left -= out[i] ?? 0;
    }
  }
  const rest = order.filter((i) => items[i]?.priority === 0).sort((a, b) => (need[a] ?? 0) - (need[b] ?? 0));
  for (let k = 0; k < rest.length; k += 1) {
    const i = rest[k] ?? 0;
    const share = Math.floor(left / (rest.length - k));
    out[i] = Math.min(need[i] ?? 0, share);
    left -= out[i] ?? 0;
  }
  // what is left (escaping can make a log take more than its size): up to records.log_tail each
  for (const i of rest) {
    const more = Math.min(perLog - (out[i] ?? 0), left);
    if ((items[i]?.size ?? 0) > 0 && more > 0) {
      out[i] = (out[i] ?? 0) + more;
      left -= more;
    }
  }
  return out;
}
