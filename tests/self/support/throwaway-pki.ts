/**
 * A throwaway certificate authority made with the `openssl` CLI at test time, in a temp directory:
 * certificates it signs (server or client, any validity) and encrypted copies of keys. Nothing is
 * checked in, nothing outlives `remove()`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Extensions of a certificate for 127.0.0.1 / localhost (what the tests' servers listen on). */
export const LOCAL_SERVER_EXTENSIONS =
  'subjectAltName=DNS:localhost,IP:127.0.0.1\nextendedKeyUsage=serverAuth\n';
export const CLIENT_EXTENSIONS = 'extendedKeyUsage=clientAuth\n';

const NEW_EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export interface ThrowawayCa {
  dir: string;
  /** Absolute path of a file in the CA's directory, e.g. `path('ca.crt')`. */
  path: (file: string) => string;
  /** Text of a file in the CA's directory, e.g. `pem('server.key')`. */
  pem: (file: string) => string;
  /** Writes `<name>.key` and `<name>.crt` signed by the CA (`days` may be negative: already expired). */
  issue: (name: string, extensions: string, days?: number) => void;
  /** Writes `<name>-enc.key`, the key of `name` encrypted with `passphrase` (AES-256). */
  encryptKey: (name: string, passphrase: string) => void;
  remove: () => void;
}

/** Writes `ca.key` and `ca.crt` (a self-signed CA valid for two days) in a new temp directory. */
export function createThrowawayCa(label = 'throwaway-ca'): ThrowawayCa {
  const dir = mkdtempSync(join(tmpdir(), `${label}-`));
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  openssl(
    'req',
    '-x509',
    ...NEW_EC_KEY,
    '-keyout',
    'ca.key',
    '-out',
    'ca.crt',
    '-days',
    '2',
    '-subj',
    '/CN=Throwaway CA',
  );
  return {
    dir,
    path: (file) => join(dir, file),
    pem: (file) => readFileSync(join(dir, file), 'utf8'),
    issue: (name, extensions, days = 2) => {
      writeFileSync(join(dir, `${name}.ext`), extensions);
      openssl('req', ...NEW_EC_KEY, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
      openssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.crt',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `${name}.crt`,
        '-days',
        String(days),
        '-extfile',
        `${name}.ext`,
      );
    },
    encryptKey: (name, passphrase) => {
      openssl(
        'pkey',
        '-in',
        `${name}.key`,
        '-aes256',
        '-passout',
        `pass:${passphrase}`,
        '-out',
        `${name}-enc.key`,
      );
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
