/**
 * Until when each target asked not to be called (Retry-After). Every request through one transport
 * honours a hold any of them received; through the file named by CONFORMANCE_HOLDS_FILE (set by the
 * global setup) so do the run's other processes: discovery in the runner, the other workers, and the
 * worker Playwright starts in place of one whose test failed.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Transport } from './transport';

export const HOLDS_FILE_ENV = 'CONFORMANCE_HOLDS_FILE';

/** How often the shared file is read again: a hold another process received is honoured this late at most. */
const REREAD_MS = 250;

export interface Hold {
  /** Epoch milliseconds: wall-clock time, shared between processes. */
  until: number;
  /** Status of the answer that asked (429, or 503 with Retry-After). */
  status: number;
}

export class Holds {
  readonly #byOrigin = new Map<string, Hold>();
  readonly #file: string | undefined;
  #readAt = Number.NEGATIVE_INFINITY;

  constructor(file: string | undefined) {
    this.#file = file;
  }

  get(origin: string): Hold | undefined {
    this.#refresh();
    const hold = this.#byOrigin.get(origin);
    return hold && hold.until > Date.now() ? hold : undefined;
  }

  /** Holds the origin for `ms` from now; a longer hold already in place stays. */
  hold(origin: string, ms: number, status: number): void {
    if (ms <= 0) return;
    this.#refresh(true);
    if (this.#merge(origin, { until: Date.now() + ms, status })) this.#write();
  }

  /** Whether the hold lengthened what was known. */
  #merge(origin: string, hold: Hold): boolean {
    const current = this.#byOrigin.get(origin);
    if (current && current.until >= hold.until) return false;
    this.#byOrigin.set(origin, hold);
    return true;
  }

  #refresh(now = false): void {
    if (!this.#file || (!now && Date.now() - this.#readAt < REREAD_MS)) return;
    this.#readAt = Date.now();
    let shared: unknown;
    try {
      shared = JSON.parse(readFileSync(this.#file, 'utf8'));
    } catch {
      return; // Not written yet, or being replaced: what is known stays.
    }
    if (typeof shared !== 'object' || shared === null) return;
    for (const [origin, hold] of Object.entries(shared as Record<string, Partial<Hold>>)) {
      if (typeof hold?.until === 'number' && typeof hold.status === 'number')
        this.#merge(origin, { until: hold.until, status: hold.status });
    }
  }

  #write(): void {
    if (!this.#file) return;
    const live = [...this.#byOrigin].filter(([, hold]) => hold.until > Date.now());
    const temporary = `${this.#file}.${process.pid}`;
    try {
      // Written whole, then renamed: a reader never sees half a file.
      writeFileSync(temporary, JSON.stringify(Object.fromEntries(live)));
      renameSync(temporary, this.#file);
    } catch {
      // The file is a courtesy to other processes; this process honours the hold regardless.
    }
  }
}

/** The holds of each transport (fakes included), gone with it. */
const HOLDS = new WeakMap<Transport, Holds>();

export function holdsOf(transport: Transport): Holds {
  let holds = HOLDS.get(transport);
  if (!holds) {
    holds = new Holds(process.env[HOLDS_FILE_ENV] || undefined);
    HOLDS.set(transport, holds);
  }
  return holds;
}

/** Origins by the URL's text up to its path: sampling asks once per request, and parsing a URL is not free. */
const ORIGINS = new Map<string, string | undefined>();

export function originOf(url: string): string | undefined {
  const authorityEnd = url.indexOf('/', url.indexOf('//') + 2);
  const head = authorityEnd === -1 ? url : url.slice(0, authorityEnd);
  if (ORIGINS.has(head)) return ORIGINS.get(head);
  let origin: string | undefined;
  try {
    origin = new URL(head).origin;
  } catch {
    origin = undefined;
  }
  if (ORIGINS.size >= 256) ORIGINS.clear();
  ORIGINS.set(head, origin);
  return origin;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Waits until the origin is no longer held, as long as the waits add up to at most `budgetMs` (other
 * requests may lengthen the hold meanwhile). The time waited, or `exceeded` with the wait left.
 */
export async function waitOutHold(
  holds: Holds,
  origin: string | undefined,
  budgetMs: number,
): Promise<{ waitedMs: number; exceeded?: { leftMs: number; status: number } }> {
  let waitedMs = 0;
  for (;;) {
    const hold = origin === undefined ? undefined : holds.get(origin);
    const leftMs = hold ? hold.until - Date.now() : 0;
    if (!hold || leftMs <= 0) return { waitedMs };
    if (waitedMs + leftMs > budgetMs) return { waitedMs, exceeded: { leftMs, status: hold.status } };
    await sleep(leftMs);
    waitedMs += leftMs;
  }
}
