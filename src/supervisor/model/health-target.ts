import type { HealthCheck } from '../../config/runtime-config.js';

/** A resolved health check: what to probe, described for messages ("port check on 127.0.0.1:8080"). */
export interface HealthTarget {
  check: HealthCheck;
  /** the port probed: the check's own, else the container's $PORT */
  port: number;
  description: string;
}
