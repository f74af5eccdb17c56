import { readFile } from 'node:fs';
import type { SecureContext } from 'node:tls';

/**
 * The CA bundles Go's crypto/x509 tries on Linux, in its order (root_linux.go); it takes the first
 * that it can read. The platform's health check is a Go program run by Diego, not by the app: it
 * does not see the app's SSL_CERT_FILE, so neither do we.
 */
export const GO_CERT_FILES: readonly string[] = [
  '/etc/ssl/certs/ca-certificates.crt', // Debian, Ubuntu (cflinuxfs4)
  '/etc/pki/tls/certs/ca-bundle.crt', // Fedora, RHEL 6
  '/etc/ssl/ca-bundle.pem', // openSUSE
  '/etc/pki/tls/cacert.pem', // OpenELEC
  '/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem', // CentOS, RHEL 7
  '/etc/ssl/cert.pem', // Alpine
];

const loaded = new Map<string, Promise<SecureContext | undefined>>();

/**
 * A TLS context that trusts what Go would trust: the first readable bundle of `files`; undefined
 * (Node.js's own Mozilla roots) when there is none. Loaded once per file list, and only when an
 * https redirect happens: node:tls and a parsed bundle cost memory the supervisor declares.
 */
export function loadGoRoots(files: readonly string[] = GO_CERT_FILES): Promise<SecureContext | undefined> {
  const key = files.join('\n');
  let context = loaded.get(key);
  if (context === undefined) {
    context = readFirst(files).then((pem) =>
      pem === undefined ? undefined : process.getBuiltinModule('node:tls').createSecureContext({ ca: pem }),
    );
    // a failure (a bundle OpenSSL refuses) is retried by the next check, not cached
    context.catch(() => loaded.delete(key));
    loaded.set(key, context);
  }
  return context;
}

/** The first file that can be read; Go moves on to the next on any read error. */
function readFirst(files: readonly string[]): Promise<string | undefined> {
  // node:fs's callback API: the supervisor does not load node:fs/promises (start-up time)
  return new Promise((resolve) => {
    const next = (index: number): void => {
      const file = files[index];
      if (file === undefined) return resolve(undefined);
      readFile(file, 'utf8', (error, text) => (error === null ? resolve(text) : next(index + 1)));
    };
    next(0);
  });
}
