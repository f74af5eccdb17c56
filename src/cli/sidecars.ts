#!/usr/bin/env node
// `sidecars` — the bundled supervisor's command line: dispatches to one module per command.
import { holdStopSignals } from '../supervisor/stop-signals.js';
import { COMMANDS } from './commands.js';
import { readBuildpackVersion } from './version.js';

// exec and run hold SIGTERM/SIGINT from here on, before anything else loads: a signal that arrives
// before supervision starts then ends the run with its records and 128+signo, not a death by signal
const SUPERVISING_COMMANDS = ['exec', 'run'];
const stopSignals = SUPERVISING_COMMANDS.includes(process.argv[2] ?? '') ? holdStopSignals() : null;

async function printHelp(): Promise<void> {
  const lines = ['Usage: sidecars <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    lines.push(`  ${name.padEnd(10)} ${(await load()).SUMMARY}`);
  }
  lines.push(
    '',
    'Options:',
    '  -h, --help     show this help (`sidecars <command> --help` for a command)',
    '  -v, --version  print the buildpack version',
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
    console.log(readBuildpackVersion());
    return 0;
  }
  const load = COMMANDS[command];
  if (load === undefined) {
    console.error(`sidecars: unknown command "${command}". Run \`sidecars --help\` for the list.`);
    return 1;
  }
  const exitCode = await (await load()).main(rest);
  return stopSignals?.toExitCode(exitCode) ?? exitCode;
}

// no top-level await: the packaged bundle is CommonJS
void main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
