// What the supervisor is asked to run: one spec per process (exec-plan.ts and droplet/run-plan.ts build them).
import type { HealthTarget } from './health-target.js';
import type { NestedSource } from './nested-source.js';
import type { OutputRoute } from './output-route.js';
import type { RestartPolicy } from './restart-decision.js';

/** What to start only after something else is healthy (DESIGN §3 `waiting`). */
export type GateSpec =
  { kind: 'probe'; processType: string; target: HealthTarget } | { kind: 'process'; name: string };

export interface ProcessSpec {
  name: string;
  command: string;
  cwd: string;
  env: Readonly<Record<string, string>>;
  output: OutputRoute;
  memoryLimitBytes: number | null;
  gate: GateSpec | null;
  /** processes (sidecars of the same supervisor) to be healthy before it starts, after its gate */
  dependsOn?: readonly string[];
  /**
   * held (still pending) until this resolves, after its gate: `run`'s app, until its nested execs
   * wait at their own gates (droplet/run-plan.ts; bounded there). Never rejects.
   */
  holdStart?: () => Promise<void>;
  /** stop: after_app — on a stop, it keeps running until the app listening on `port` has ended */
  stopAfterApp?: { port: number };
  /** its own readiness and liveness check (the main process in `run`) */
  health: HealthTarget | null;
  /** how run records show it: its role and its command as written in the config (default: command) */
  record?: { type: 'process' | 'sidecar'; command: string };
  /** a nested `sidecars exec` (`run`: an entry of this buildpack): its records and its state */
  nested?: NestedSource;
  /** a sidecar's `restart` policy and `max_restarts` (absent: never, the platform's fail-fast) */
  restart?: { policy: RestartPolicy; maxRestarts: number };
}
