import type { NestedEnd } from './process-result.js';
import type { ProcessView } from './process-view.js';
import type { StatusAddress } from './status-address.js';

/** What `run` knows of a nested exec beyond its process: what it recorded, what it serves. */
export interface NestedSource {
  /** its finished.json, once it has exited (synchronous: a small file); null if none can be read */
  readEnd(): NestedEnd | null;
  /** its sidecars' rows for GET /state, by `<entry>/<name>`; never throws */
  readRows(): Promise<Record<string, ProcessView>>;
  /** where its state API listens (`sidecars restart <entry>/<name>` is forwarded there) */
  readonly addresses: readonly StatusAddress[];
}
