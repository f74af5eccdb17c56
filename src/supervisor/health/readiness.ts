// The real readiness waits, as the supervisor is handed them (core/readiness.ts declares them).
import type { Readiness } from '../core/readiness.js';
import { passGate } from './pass-gate.js';
import { passDependencies } from './wait-for-dependency.js';
import { watchHealth } from './watch-health.js';

export const readiness: Readiness = { passGate, passDependencies, watchHealth };
