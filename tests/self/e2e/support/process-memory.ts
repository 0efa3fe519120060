/**
 * Peak memory of a child run and of every process it starts (npx, the Playwright runner, its workers,
 * whichever come and go), found by a marker in their environment: each process's own high-water mark
 * (`VmHWM` of /proc/<pid>/status, kept by the kernel, so no peak between two samples is missed while
 * the process lives) and the highest sum of resident memory seen at one sample. Linux only.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

export interface ProcessPeak {
  pid: number;
  command: string;
  /** VmHWM, bytes: the most this process ever had resident. */
  peakBytes: number;
}

export interface MemoryPeaks {
  /** Every process seen carrying the marker, with its last known high-water mark. */
  processes: ProcessPeak[];
  /** The largest single-process high-water mark (0 when no process was seen). */
  maxProcessBytes: number;
  /** The highest sum of VmRSS over the marked processes alive at one sample. */
  maxTotalBytes: number;
  samples: number;
}

export const PROC_AVAILABLE = existsSync('/proc/self/status');

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // gone, or not ours
  }
}

function kilobytes(status: string, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) * 1024 : 0;
}

/** Field 22 of /proc/<pid>/stat (after the parenthesised command, which may hold spaces). */
function startTime(pid: number): string {
  const stat = readText(`/proc/${pid}/stat`) ?? '';
  return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? '';
}

/**
 * Samples every `intervalMs` until `stop()`, which returns the peaks. `marker` is one `NAME=value`
 * entry of the environment the child run was started with (e.g. its unique CONFORMANCE_REPORT_DIR).
 */
export function watchMemory(marker: string, intervalMs = 50): { stop: () => MemoryPeaks } {
  // By pid and start time, so a pid reused by another process is judged afresh.
  const verdictOf = new Map<string, boolean>();
  const peaks = new Map<string, ProcessPeak>();
  let maxTotalBytes = 0;
  let samples = 0;

  const carriesMarker = (key: string, pid: number): boolean => {
    const known = verdictOf.get(key);
    if (known !== undefined) return known;
    const environ = readText(`/proc/${pid}/environ`);
    const marked = environ?.split('\0').includes(marker) ?? false;
    verdictOf.set(key, marked);
    return marked;
  };

  const sample = () => {
    samples += 1;
    let total = 0;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      const key = `${pid}:${startTime(pid)}`;
      if (!carriesMarker(key, pid)) continue;
      const status = readText(`/proc/${pid}/status`);
      if (status === undefined) continue;
      total += kilobytes(status, 'VmRSS');
      const known = peaks.get(key);
      const command = (readText(`/proc/${pid}/cmdline`) ?? '').split('\0').join(' ').trim().slice(0, 160);
      const peakBytes = Math.max(known?.peakBytes ?? 0, kilobytes(status, 'VmHWM'));
      peaks.set(key, { pid, command: command || (known?.command ?? ''), peakBytes });
    }
    maxTotalBytes = Math.max(maxTotalBytes, total);
  };

  const timer = setInterval(sample, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      const processes = [...peaks.values()];
      return {
        processes,
        maxProcessBytes: Math.max(0, ...processes.map((p) => p.peakBytes)),
        maxTotalBytes,
        samples,
      };
    },
  };
}

export const megabytes = (bytes: number): string => `${(bytes / (1024 * 1024)).toFixed(1)} MB`;

/** One line per process, largest first, for assertion messages and the test's attachment. */
export function describeMemory(peaks: MemoryPeaks): string {
  const lines = [...peaks.processes]
    .sort((a, b) => b.peakBytes - a.peakBytes)
    .map((p) => `  ${megabytes(p.peakBytes).padStart(9)}  pid ${p.pid}  ${p.command}`);
  return [
    `largest process peak ${megabytes(peaks.maxProcessBytes)}; highest sum of resident memory ${megabytes(peaks.maxTotalBytes)} (${peaks.processes.length} processes, ${peaks.samples} samples)`,
    ...lines,
  ].join('\n');
}
