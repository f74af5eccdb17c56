import { sayNestedReady } from '../core/nested-ready.js';
import type { Policy } from '../core/policy.js';

/**
 * A nested exec of `run` says it is ready (core/nested-ready.ts) once its processes are launched:
 * the supervisor attaches its policies and then launches every process in the same tick, each up
 * to its gate's first probe or its spawn, so a microtask queued as this attaches runs once every
 * gated process waits at its gate. `run` may start the app then.
 */
export function createNestedReady(fd: number): Policy {
  return {
    attach() {
      queueMicrotask(() => sayNestedReady(fd));
      return () => undefined;
    },
  };
}
