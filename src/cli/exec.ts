// Placeholder until the supervisor lands (issue 3): replaced by the real command.
export const SUMMARY = '(not yet available)';
export function main(_argv: string[]): Promise<number> {
  console.error('sidecars exec: not yet available');
  return Promise.resolve(1);
}
