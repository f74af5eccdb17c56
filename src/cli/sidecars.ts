#!/usr/bin/env node
// `sidecars` — the bundled supervisor's command line: dispatches to one module per command.
import { holdStopSignals } from '../supervisor/core/stop-signals.js';
import { COMMANDS } from './commands.js';
import { exitWhenSettled } from './final-exit.js';
import { readBuildpackVersion, toVersionLine } from './version.js';

// bin/sidecars set the app's NODE_OPTIONS aside so that the supervisor's own Node.js runs without
// them (an APM agent's --require must not load into it); commands that inherit the supervisor's
// environment (exec's sidecars) get them back
const APP_NODE_OPTIONS = 'SIDECARS_APP_NODE_OPTIONS';
const appNodeOptions = process.env[APP_NODE_OPTIONS];
if (appNodeOptions !== undefined) {
  process.env['NODE_OPTIONS'] = appNodeOptions;
  delete process.env[APP_NODE_OPTIONS];
}

// exec and run hold SIGTERM/SIGINT/SIGHUP from here on, before anything else loads: a signal that arrives
// before supervision starts then ends the run with its records and 128+signo, not a death by signal
const SUPERVISING_COMMANDS = ['exec', 'run'];
const stopSignals = SUPERVISING_COMMANDS.includes(process.argv[2] ?? '') ? holdStopSignals() : null;

/**
 * The builtins a supervising command loads as it starts, loaded before capOptimizingTiers: a V8 flag
 * set at run time makes V8 reject the code cache Node.js ships for its builtins, and each one
 * required after it compiles from source (child_process, http and fs/promises: 8 ms from the cache,
 * 20-30 ms from source on the shipped Node.js 24). Not node:fs/promises: nothing loads it until
 * records are written (src/common/fs-async.ts). node:http is for exec's state API, on by default.
 */
const START_BUILTINS: Readonly<Record<string, readonly string[]>> = {
  exec: ['node:child_process', 'node:http'],
  run: ['node:child_process'],
};

/**
 * Keeps V8 to its first two tiers, Ignition and Sparkplug, for the supervising commands: the
 * optimizing compilers' own code is megabytes of the node binary, paged in the first time one runs
 * (TurboFan on the /proc parse after ~20 s), and that RSS is declared in launch.yml. Node.js 24,
 * exec with 10 idle sidecars, RSS at 35–45 s: 54.0 MB so, 56.5 MB with Maglev on, 62.2 MB with
 * TurboFan too; CPU over 45 s 147, 146 and 158 ms (npm run bench: tiers). `--no-turbofan
 * --no-maglev`, not `--max-opt=1`: Node.js 24's V8 applies --max-opt only as it starts, and set
 * later it caps nothing (Node.js 22's still did). Not on node's command line: a V8 flag there makes
 * V8 reject the code cache Node.js ships for its own modules, and each of them then compiles from
 * source. Set here, after START_BUILTINS and before the command's bundle loads, in packaging's
 * training run too: V8 stamps the code caches it writes with its flags and takes a cache only
 * under the same ones (src/cli/load-bundle.ts). Capped before the bundle loads rather than after,
 * exec with 50 idle sidecars holds 3.7 MB less RSS (56.6 MB against 60.3): no young generation
 * grown while the bundle loads, no optimizing compiler paged in while it starts.
 */
function capOptimizingTiers(command: string): void {
  for (const name of START_BUILTINS[command] ?? []) process.getBuiltinModule(name);
  const { setFlagsFromString } = process.getBuiltinModule('node:v8');
  setFlagsFromString('--no-turbofan');
  setFlagsFromString('--no-maglev');
  // V8 doubles the young generation under sustained allocation (up to 32 MB): five sidecars flooding
  // output took exec to 89 MB; held at its first size, 53 MB with stdout to a file (npm run bench: flood)
  setFlagsFromString('--semi-space-growth-factor=1');
  // V8's memory reducer compacts the heap twice some 8 s after start; the supervisor at rest
  // allocates almost nothing, and the second one gains ~0.1 MB for ~20 ms of CPU (50 idle
  // sidecars over 20 s at rest: 75 -> 55 ms; npm run bench: fifty)
  setFlagsFromString('--memory-reducer-gc-count=1');
}

async function printHelp(): Promise<void> {
  const lines = ['Usage: sidecars <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    lines.push(`  ${name.padEnd(10)} ${(await load()).SUMMARY}`);
  }
  lines.push(
    '',
    'Options:',
    '  -h, --help     show this help (`sidecars <command> --help` for a command)',
    '  -v, --version  print the buildpack version and the Node.js it runs on',
  );
  console.log(lines.join('\n'));
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    await printHelp();
    return command === undefined ? 1 : 0;
  }
  if (command === '-v' || command === '--version') {
    console.log(toVersionLine(readBuildpackVersion(), process.version));
    return 0;
  }
  const load = COMMANDS[command];
  if (load === undefined) {
    console.error(`sidecars: unknown command "${command}". Run \`sidecars --help\` for the list.`);
    return 1;
  }
  if (stopSignals !== null) capOptimizingTiers(command);
  const module = await load();
  const exitCode = await module.main(rest);
  return stopSignals?.toExitCode(exitCode) ?? exitCode;
}

/**
 * Once a supervising command has decided its exit code, this long at most for the event loop to
 * drain: a descendant that escaped every stop and holds an inherited fd (the supervisor's own
 * stdout, say) must never keep the supervisor alive, or the platform would never see it exit.
 */
const EXIT_DRAIN_MS = 2_000;
const EXIT_SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT', 'SIGHUP'];

/** A bug must still end in one line and an exit code, not a stack trace (SIDECARS_DEBUG=1 shows it). */
function exitOnBug(error: unknown): void {
  const detail = error instanceof Error ? error.message : String(error);
  process.stderr.write(`sidecars: internal error: ${detail}\n`);
  if (process.env['SIDECARS_DEBUG'] === '1' && error instanceof Error)
    process.stderr.write(`${error.stack}\n`);
  process.exit(1); // the supervisor's 'exit' handler kills every tree it knows
}
process.on('uncaughtException', exitOnBug);

// no top-level await: the packaged bundle is CommonJS
main(process.argv.slice(2)).then((code) => {
  if (stopSignals === null) {
    process.exitCode = code;
    // once the event loop has drained, exit there and then: no teardown of a finished environment
    process.once('beforeExit', () => process.exit(code));
    return;
  }
  exitWhenSettled(code);
  // the outcome is decided: a signal now ends the process at once, and so does a loop that never drains
  for (const signal of EXIT_SIGNALS) process.on(signal, () => process.exit(code));
  setTimeout(() => process.exit(code), EXIT_DRAIN_MS).unref();
}, exitOnBug);
