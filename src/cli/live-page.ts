// The live report page served as GET / by a state API on TCP (exec/run --status 127.0.0.1:PORT,
// `sidecars status --web`): the page of src/report/ with its script reading /state and /events of
// its own origin. The renderer is loaded on the first request only: a supervisor that nobody
// looks at never loads it.
import type { LivePage } from '../supervisor/api/serve-page.js';
import type { ReportRun } from '../report/report-model.js';

/** What the page's header shows before any event arrived; the rest comes from /state and /events. */
export type LiveRunInfo = Partial<Pick<ReportRun, 'app' | 'instance' | 'runId' | 'mode' | 'version'>>;

export function toLivePage(info: LiveRunInfo): LivePage {
  const startedAtMs = Date.now();
  return async () => {
    const { renderReport, toEmptyModel } = await import('../report/render-report.js');
    const empty = toEmptyModel(Date.now(), 0);
    const run: ReportRun = { ...empty.run, startedAtMs, node: process.version, ...info };
    return renderReport({ ...empty, run }, { live: {} });
  };
}
