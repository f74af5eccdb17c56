// The `sidecars` commands, each loaded only when run. The packaged buildpack bundles each into its
// own file (lib/sidecars-<name>.cjs, see src/packaging/bundle.ts), so a command compiles only
// the code it uses.
export interface CommandModule {
  /** runs the command; resolves to the process exit code */
  main(argv: string[]): Promise<number>;
  /** one line for `sidecars --help` */
  readonly SUMMARY: string;
  /** what `sidecars <command> --help` prints; its flags are the ones docs/commands.md lists */
  readonly HELP: string;
}

export const COMMANDS: Record<string, () => Promise<CommandModule>> = {
  exec: () => import('./exec.js'),
  report: () => import('./report.js'),
  restart: () => import('./restart.js'),
  run: () => import('./run.js'),
  runs: () => import('./runs.js'),
  stage: () => import('./stage.js'),
  status: () => import('./status.js'),
  upload: () => import('./upload.js'),
  validate: () => import('./validate.js'),
  wait: () => import('./wait.js'),
};
