/** A curl command that reproduces a request, with the API key left to the shell as `$API_KEY`. */
import { inCredentialForm } from './contract-loader';
import type { RecordedRequest } from './types';

const shellQuote = (text: string): string => `'${text.replace(/'/g, `'\\''`)}'`;

export interface CurlInput {
  request: RecordedRequest;
  /** Header carrying the real credential and its form (e.g. `Bearer {key}`), when the real key was sent. */
  credential?: { header: string; form: string };
  timeoutMs: number;
}

export function toCurl({ request, credential, timeoutMs }: CurlInput): string {
  const parts = ['curl', '-sS', '-i', '-X', request.method, shellQuote(request.url)];
  for (const [name, value] of Object.entries(request.headers)) {
    if (credential && name.toLowerCase() === credential.header.toLowerCase()) {
      // Double quotes so the shell expands $API_KEY; the form itself holds no shell metacharacters.
      parts.push('-H', `"${name}: ${inCredentialForm(credential.form, '$API_KEY')}"`);
    } else {
      parts.push('-H', shellQuote(`${name}: ${value}`));
    }
  }
  if (request.body !== undefined) parts.push('--data-raw', shellQuote(request.body));
  parts.push('--max-time', String(Math.ceil(timeoutMs / 1000)));
  return parts.join(' ');
}
