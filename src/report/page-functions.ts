// The functions the page's script carries, as source: the same code renders the page in Node.js
// and, live, in the browser. Each is self-contained but for the others listed here (their names
// stay consistent however a bundler renames them: each is read from the function itself).
import { toMemorySvg, toPeakText } from './memory-svg.js';
import { escapeHtml, formatCount, formatDuration, formatEnd, formatMb, formatTime } from './page-text.js';
import { toReportEvent } from './report-event.js';
import { toHeaderHtml, toLiveHtml, toMemoryHtml, toTimelineHtml } from './sections.js';
import { toColumnRuns, toMarkerClusters, toMarkers, toSegments, toTimeSpan } from './timeline.js';
import { toTimelineSvg } from './timeline-svg.js';

const PAGE_FUNCTIONS: ReadonlyArray<(...args: never[]) => unknown> = [
  escapeHtml,
  formatMb,
  formatTime,
  formatDuration,
  formatEnd,
  formatCount,
  toTimeSpan,
  toSegments,
  toColumnRuns,
  toMarkers,
  toMarkerClusters,
  toTimelineSvg,
  toMemorySvg,
  toPeakText,
  toHeaderHtml,
  toTimelineHtml,
  toMemoryHtml,
  toLiveHtml,
  toReportEvent,
];

/** Their source, and the names the script calls them by (`live`: toLiveHtml; `event`: toReportEvent). */
export function toPageFunctions(): { source: string; live: string; event: string } {
  return {
    source: PAGE_FUNCTIONS.map((fn) => fn.toString()).join('\n'),
    live: toLiveHtml.name,
    event: toReportEvent.name,
  };
}
