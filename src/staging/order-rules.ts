import { findDependencyCycles, formatCycle } from '../config/dependency-cycles.js';
import type { ConfigIssue } from '../config/issues.js';
import type { SidecarsFile } from '../config/sidecars-file-schema.js';
import { suggestKey } from '../config/suggest-key.js';
import { parseWaitedSidecars } from '../config/waited-sidecars.js';

import type { AppProcfile } from './procfile.js';

type At = (path: (string | number)[]) => Pick<ConfigIssue, 'file' | 'line' | 'path'>;

/**
 * The start and stop order of sidecars: `depends_on` names sidecars that run beside it and has no
 * cycle; `stop: after_app` needs a process type whose end can be seen (a port or http check); an
 * app that waits for a sidecar (`sidecars wait NAME` in its Procfile command) must not wait for one
 * that itself waits for the app (`start: after_app`).
 */
export function checkOrder(file: SidecarsFile, procfile: AppProcfile | undefined, at: At): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const byName = new Map(file.sidecars.map((sidecar) => [sidecar.name, sidecar]));
  const names = [...byName.keys()];
  const processTypes = new Set([
    'web',
    ...(procfile?.types ?? []),
    ...file.sidecars.flatMap((s) => s.sidecar_for),
  ]);
  file.sidecars.forEach((sidecar, index) => {
    sidecar.depends_on.forEach((dependency, depIndex) => {
      const path = ['sidecars', index, 'depends_on', depIndex];
      const other = byName.get(dependency);
      if (other === undefined) {
        const others = names.filter((name) => name !== sidecar.name);
        const suggestion = suggestKey(dependency, others, new Map());
        issues.push({
          code: processTypes.has(dependency) ? 'depends_on_process_type' : 'unknown_dependency',
          severity: 'error',
          ...at(path),
          message: processTypes.has(dependency)
            ? `"${dependency}" is a process type, not a sidecar; depends_on names sidecars only`
            : `no sidecar is named "${dependency}"`,
          hint: processTypes.has(dependency)
            ? `Remove "${dependency}": a sidecar already starts after the health check of its process type (start: after_app, the default).`
            : `${suggestion === undefined ? '' : `Did you mean "${suggestion}"? `}${others.length === 0 ? 'No other sidecar is declared: remove depends_on.' : `Write one of the sidecars in this file: ${others.join(', ')}.`}`,
        });
        return;
      }
      if (other === sidecar) {
        issues.push({
          code: 'dependency_cycle',
          severity: 'error',
          ...at(path),
          message: `"${sidecar.name}" depends on itself`,
          hint: `Remove "${dependency}" from its depends_on.`,
        });
        return;
      }
      if (file.layout === 'per-sidecar') {
        issues.push({
          code: 'dependency_per_sidecar',
          severity: 'error',
          ...at(path),
          message:
            'depends_on needs the sidecars under one supervisor, but layout: per-sidecar runs each on its own',
          hint: 'Use layout: grouped (the default), or remove depends_on.',
        });
        return;
      }
      const missing = sidecar.sidecar_for.filter((type) => !other.sidecar_for.includes(type));
      if (missing.length > 0) {
        issues.push({
          code: 'dependency_not_beside',
          severity: 'error',
          ...at(path),
          message: `"${dependency}" does not run beside ${missing.join(', ')} (its sidecar_for is [${other.sidecar_for.join(', ')}]), so "${sidecar.name}" would wait for it forever there`,
          hint: `Add ${missing.join(', ')} to the sidecar_for of "${dependency}", or remove "${dependency}" from depends_on.`,
        });
      }
    });
  });
  const graph = new Map(file.sidecars.map((s) => [s.name, s.depends_on.filter((d) => d !== s.name)]));
  for (const cycle of findDependencyCycles(graph)) {
    const first = cycle[0] ?? '';
    const index = file.sidecars.findIndex((s) => s.name === first);
    const depIndex = file.sidecars[index]?.depends_on.indexOf(cycle[1] ?? '') ?? 0;
    issues.push({
      code: 'dependency_cycle',
      severity: 'error',
      ...at(['sidecars', index, 'depends_on', depIndex]),
      message: `depends_on makes a cycle: ${formatCycle(cycle)}; none of them could ever start`,
      hint: `Remove one of these depends_on entries (a sidecar that must start first cannot also wait for the other).`,
    });
  }
  issues.push(...checkStopAfterApp(file, at), ...checkWaitDeadlock(file, procfile, at));
  return issues;
}

/** `stop: after_app` watches the app's port: its process type needs a port or http check. */
function checkStopAfterApp(file: SidecarsFile, at: At): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  file.sidecars.forEach((sidecar, index) => {
    if (sidecar.stop !== 'after_app') return;
    const blind = sidecar.sidecar_for.filter((type) => {
      const check = file.processes[type]?.health_check?.type ?? (type === 'web' ? 'port' : 'process');
      return check === 'process';
    });
    if (blind.length === 0) return;
    issues.push({
      code: 'stop_after_app_blind',
      severity: 'error',
      ...at(['sidecars', index, 'stop']),
      message: `stop: after_app sees the app end through its port, but process type ${blind.join(', ')} has a process health check: no port shows when it has ended`,
      hint: `Give ${blind.join(', ')} a port or http health check under processes: (e.g. processes: {${blind[0] ?? 'worker'}: {health_check: {type: port}}}), or write stop: with_app.`,
    });
  });
  return issues;
}

/** The app waits for a sidecar (sidecars wait NAME) that waits for the app: neither starts. */
function checkWaitDeadlock(file: SidecarsFile, procfile: AppProcfile | undefined, at: At): ConfigIssue[] {
  if (procfile?.commandOf === undefined) return [];
  const byName = new Map(file.sidecars.map((sidecar) => [sidecar.name, sidecar]));
  /** the sidecar that makes `name` wait for the app: itself, or one it depends on */
  const afterAppCause = (name: string, seen = new Set<string>()): string | undefined => {
    const sidecar = byName.get(name);
    if (sidecar === undefined || seen.has(name)) return undefined;
    seen.add(name);
    if (sidecar.start === 'after_app') return name;
    for (const dependency of sidecar.depends_on) {
      const cause = afterAppCause(dependency, seen);
      if (cause !== undefined) return cause;
    }
    return undefined;
  };
  const issues: ConfigIssue[] = [];
  for (const type of procfile.types) {
    const command = procfile.commandOf(type) ?? '';
    for (const name of parseWaitedSidecars(command)) {
      const sidecar = byName.get(name);
      if (sidecar === undefined || !sidecar.sidecar_for.includes(type)) continue;
      const cause = afterAppCause(name);
      if (cause === undefined) continue;
      const index = file.sidecars.findIndex((s) => s.name === cause);
      const via = cause === name ? '' : ` (through depends_on: "${name}" waits for "${cause}")`;
      issues.push({
        code: 'wait_deadlock',
        severity: 'error',
        ...at(['sidecars', index, 'start']),
        message: `the ${type} process waits for "${name}" (${procfile.file}:${procfile.lineOf(type) ?? '?'}: sidecars wait ${name}), but "${cause}" starts only after ${type}'s health check passes (start: after_app)${via}: neither would ever start`,
        hint: `Write start: with_app on sidecar "${cause}", so that it starts at once, beside the app.`,
      });
    }
  }
  return issues;
}
