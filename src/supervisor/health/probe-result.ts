export type ProbeResult = { ok: true } | { ok: false; detail: string };

/** One health probe: resolves (never rejects) within its own invocation timeout. */
export type Probe = () => Promise<ProbeResult>;
