/** A discovery probe as the console and the report show it: one type, one line format. */

/**
 * What the runner's global setup hands to workers and the reporter (in the environment they inherit):
 * why nobody answers (the preflight), and the probes of discovery (JSON).
 */
export const DEAD_TARGET_ENV = 'CONFORMANCE_DEAD_TARGET';
export const PROBES_ENV = 'CONFORMANCE_PROBES';

export interface Probe {
  contract: string;
  method: string;
  url: string;
  /** Null when no answer came (or the contract was never probed; `reason` says which). */
  status: number | null;
  mediaType: string | null;
  served: boolean;
  /** Why, without the status and media type (shown next to it). */
  reason: string;
}

/** `GET https://… → 404 text/html: the body is not JSON`, or `POST https://… never probed: …` when no answer came. */
export function describeProbe(probe: Omit<Probe, 'contract'>): string {
  const request = `${probe.method} ${probe.url}`;
  if (probe.status === null) return `${request} ${probe.reason}`;
  return `${request} → ${probe.status} ${probe.mediaType ?? '(no media type)'}: ${probe.reason}`;
}
