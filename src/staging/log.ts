/**
 * The staging log, in the buildpack convention the user sees in `cf push`: "-----> Step",
 * 7-space detail lines, **WARNING** / **ERROR** blocks. Plain text, never JSON.
 */
export interface StagingLog {
  step(title: string): void;
  detail(line: string): void;
  warning(message: string, hint?: string): void;
  error(message: string, hint?: string): void;
}

const INDENT = '       ';

export function formatBlock(label: '**WARNING**' | '**ERROR**', message: string, hint?: string): string[] {
  const lines = [`${INDENT}${label} ${message}`];
  if (hint !== undefined && hint !== '') lines.push(`${INDENT}${hint}`);
  return lines;
}

/** A log that writes to the given line sink (stdout in bin/supply; an array in tests). */
export function createStagingLog(write: (line: string) => void): StagingLog {
  return {
    step: (title) => write(`-----> ${title}`),
    detail: (line) => write(`${INDENT}${line}`),
    warning: (message, hint) => formatBlock('**WARNING**', message, hint).forEach(write),
    error: (message, hint) => formatBlock('**ERROR**', message, hint).forEach(write),
  };
}

export function createConsoleStagingLog(): StagingLog {
  return createStagingLog((line) => console.log(line));
}
