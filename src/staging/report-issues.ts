import { type ConfigIssue, formatLocation, isError } from '../config/issues.js';

import type { StagingLog } from './log.js';

/** Prints every issue as **ERROR** / **WARNING**: where and what, then what to write instead. */
export function reportIssues(log: StagingLog, issues: readonly ConfigIssue[]): void {
  for (const issue of issues) {
    const location = formatLocation(issue);
    const message = location === '' ? issue.message : `${location}: ${issue.message}`;
    if (isError(issue)) log.error(message, issue.hint);
    else log.warning(message, issue.hint);
  }
}
