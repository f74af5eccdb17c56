// Text helpers of the page. Each is a self-contained function (no import, no module constant): the
// page's script carries their source (page-functions.ts) to render a live page the same way.

/** Text → HTML text and attribute values: & < > " ' escaped. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

/** bytes → "12.5 MB" (MB of 2^20 bytes, as the records' peak_rss_mb) */
export function formatMb(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '-';
  const mb = bytes / 1048576;
  return `${mb >= 100 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

/** epoch ms → "2026-12-07 15:16:08.123 UTC" (full) or "15:16:08.123" */
export function formatTime(ms: number | null | undefined, full: boolean): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '-';
  const iso = new Date(ms).toISOString();
  return full ? `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC` : iso.slice(11, 23);
}

/** ms → "850 ms", "4.2 s", "3m05s", "2h03m" */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  const s = Math.floor(ms / 1000);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** How a run of a process ended, in words: "exited with code 3", "killed by SIGKILL (oom)". */
export function formatEnd(end: {
  reason?: string | null;
  exitCode?: number | null;
  signal?: string | null;
}): string {
  const how =
    end.exitCode !== null && end.exitCode !== undefined
      ? `exited with code ${end.exitCode}`
      : end.signal !== null && end.signal !== undefined
        ? `killed by ${end.signal}`
        : 'ended';
  const reason = end.reason ?? null;
  if (reason === 'oom') return `memory limit exceeded: ${how}`;
  if (reason === null || reason === 'exited' || reason === 'signal') return how;
  return `${reason.replace(/_/g, ' ')}: ${how}`;
}

/** A number with thousands separators: 10,000 */
export function formatCount(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
