import type { ConfigIssue } from '../config/issues.js';
import type { SidecarsFile } from '../config/sidecars-file-schema.js';

import { toLaunchEntries, toSupervisorMemoryMb, toUploaderMemoryMb } from './launch-entries.js';
import { checkOrder } from './order-rules.js';
import { checkRecords, type RecordsInputs } from './records-rules.js';
import type { AppProcfile } from './procfile.js';

export const DEFAULT_PROCESS_MEMORY_MB = 1024;

export interface RuleInputs {
  /** how the file is named in messages */
  file: string;
  /** the app's Procfile; undefined: the app has none */
  procfile: AppProcfile | undefined;
  /** the app's memory in MB (MEMORY_LIMIT at staging) */
  processMemoryMb: number;
  /** where processMemoryMb came from, for messages: "MEMORY_LIMIT=1G" or "the platform default" */
  processMemorySource: string;
  /** what staging knows of the records store's credentials; absent: nothing (offline validation) */
  records?: RecordsInputs;
  lineOf(path: readonly (string | number)[]): number;
}

/** Cross-field checks the schema cannot make. Returns every issue; errors and warnings alike. */
export function checkRules(file: SidecarsFile, inputs: RuleInputs): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const at = (path: (string | number)[]): Pick<ConfigIssue, 'file' | 'line' | 'path'> => ({
    file: inputs.file,
    line: inputs.lineOf(path),
    path,
  });
  const procfileTypes = inputs.procfile?.types ?? [];
  file.sidecars.forEach((sidecar, index) => {
    if (procfileTypes.includes(sidecar.name)) {
      issues.push({
        code: 'procfile_clash',
        severity: 'error',
        ...at(['sidecars', index, 'name']),
        message: `"${sidecar.name}" is also a process type in the Procfile; the platform would run it as a plain process, not as a sidecar`,
        hint: `Rename the sidecar, or remove "${sidecar.name}:" from the Procfile.`,
      });
    }
    if (file.layout === 'per-sidecar' && sidecar.name === 'web') {
      issues.push({
        code: 'web_name',
        severity: 'error',
        ...at(['sidecars', index, 'name']),
        message: 'a sidecar named "web" would replace the web process in the per-sidecar layout',
        hint: 'Rename the sidecar (web-proxy, web-agent).',
      });
    }
    sidecar.sidecar_for.forEach((type, typeIndex) => {
      if (type === 'web' || procfileTypes.includes(type)) return;
      issues.push({
        code: 'unknown_process_type',
        severity: 'warning',
        ...at(['sidecars', index, 'sidecar_for', typeIndex]),
        message: `process type "${type}" is not web and not in the ${inputs.procfile === undefined ? 'app (it has no Procfile)' : 'Procfile'}; unless the final buildpack defines it, this sidecar never runs beside it`,
        hint: `Check the spelling, or add "${type}: <command>" to the Procfile.`,
      });
    });
  });
  for (const entry of toLaunchEntries(file)) {
    const procfile = inputs.procfile;
    if (procfile === undefined || !procfileTypes.includes(entry.type)) continue;
    const line = procfile.lineOf(entry.type);
    issues.push({
      code: 'procfile_clash',
      severity: 'error',
      file: procfile.file,
      ...(line === undefined ? {} : { line }),
      path: [entry.type],
      message: `this buildpack reserves the process type "${entry.type}" for the launch.yml entry of ${describeEntry(entry.sidecars)}`,
      hint: `Rename the Procfile's "${entry.type}:" process type.`,
    });
  }
  issues.push(...checkMemory(file, inputs, at));
  issues.push(...checkOrder(file, inputs.procfile, at));
  if (inputs.records !== undefined) issues.push(...checkRecords(file, inputs.records, at));
  return issues;
}

function describeEntry(sidecars: readonly string[]): string {
  const names = sidecars.map((name) => `"${name}"`).join(', ');
  return sidecars.length === 1 ? `the sidecar ${names}` : `the sidecars ${names}`;
}

function checkMemory(
  file: SidecarsFile,
  inputs: RuleInputs,
  at: (path: (string | number)[]) => Pick<ConfigIssue, 'file' | 'line' | 'path'>,
): ConfigIssue[] {
  const supervisorMb = toSupervisorMemoryMb(file);
  const uploaderMb = toUploaderMemoryMb(file);
  const byType = new Map<string, { parts: string[]; totalMb: number; firstIndex: number }>();
  for (const entry of toLaunchEntries(file)) {
    for (const type of entry.sidecarFor) {
      const sum = byType.get(type) ?? {
        parts: [],
        totalMb: 0,
        firstIndex: file.sidecars.findIndex((s) => s.name === entry.sidecars[0]),
      };
      for (const name of entry.sidecars) {
        const memoryMb = file.sidecars.find((s) => s.name === name)?.memory ?? 0;
        sum.parts.push(`${name} ${memoryMb} MB`);
        sum.totalMb += memoryMb;
      }
      sum.parts.push(`supervisor ${supervisorMb} MB`);
      sum.totalMb += supervisorMb;
      if (uploaderMb > 0) {
        sum.parts.push(`records uploader ${uploaderMb} MB`);
        sum.totalMb += uploaderMb;
      }
      byType.set(type, sum);
    }
  }
  const issues: ConfigIssue[] = [];
  for (const [type, sum] of byType) {
    if (sum.totalMb < inputs.processMemoryMb) continue;
    issues.push({
      code: 'memory_not_below_process',
      severity: 'error',
      ...at(['sidecars', sum.firstIndex, 'memory']),
      message: `the sidecars of "${type}" declare ${sum.totalMb} MB (${sum.parts.join(' + ')}), which is not below the process memory of ${inputs.processMemoryMb} MB (${inputs.processMemorySource})`,
      hint: `Lower the sidecars' memory${file.supervisor?.memory === undefined ? '' : ' or supervisor.memory'}, or give the app more than ${sum.totalMb} MB (cf push -m, or memory: in manifest.yml); the platform requires the sidecars' total to be strictly below the process memory.`,
    });
  }
  return issues;
}
