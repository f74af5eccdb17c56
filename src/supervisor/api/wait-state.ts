// `sidecars wait`: whether the sidecars it waits for are healthy, from the /state bodies of the
// supervisors of this container. Pure.
import type { ProcessView, StateBody } from '../model/process-view.js';

export interface WaitCheck {
  ready: boolean;
  /** per name waited for: what was last seen of it ("starting, health unknown", "not found") */
  seen: Map<string, string>;
}

/** Healthy as `depends_on` means it: its own check passed, or running when it has none. */
export function isViewHealthy(view: ProcessView): boolean {
  return view.state === 'healthy' || (view.state === 'running' && view.health === null);
}

/** NAME, or a nested exec's NAME as `sidecars run` lists it (`sidecars-web/NAME`). */
function findView(bodies: readonly StateBody[], name: string): ProcessView | undefined {
  for (const body of bodies) {
    const exact = body.processes[name];
    if (exact !== undefined) return exact;
  }
  for (const body of bodies) {
    const key = Object.keys(body.processes).find((k) => k.endsWith(`/${name}`));
    if (key !== undefined) return body.processes[key];
  }
  return undefined;
}

export function checkWait(bodies: readonly StateBody[], names: readonly string[]): WaitCheck {
  const seen = new Map<string, string>();
  let ready = true;
  for (const name of names) {
    const view = findView(bodies, name);
    if (view === undefined) {
      seen.set(name, 'not found in any supervisor of this container');
      ready = false;
      continue;
    }
    if (!isViewHealthy(view)) ready = false;
    seen.set(name, `${view.state}, health ${view.health ?? 'none (healthy once running)'}`);
  }
  return { ready, seen };
}
