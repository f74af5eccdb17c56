/** Where the state API listens: a unix socket, or a loopback TCP port (0 = pick one). */
export type StatusAddress = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number };
