// A process tree's memory as the supervisor measures it (proc/ reads it, the memory limit judges it).
export interface TreeSample {
  /** the root first, then every descendant */
  pids: number[];
  rssBytes: number;
}

export const BYTES_PER_MB = 1024 * 1024;
