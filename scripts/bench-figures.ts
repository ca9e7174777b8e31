/**
 * Figures the bench scripts share: percentiles of latencies, the CPU time and peak memory of a process they
 * started (read from /proc, Linux only), and the machine's load beside them.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

/** The nearest-rank percentile of ascending values (NaN when there are none). */
export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;

let ticksPerSecond: number | undefined;

/** User plus system CPU seconds a process has used so far (fields 14 and 15 of /proc/<pid>/stat). */
export function processCpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) is in parentheses and may hold spaces: count fields after its closing one.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
}

/** Resident memory of a process in MB: now (VmRSS of /proc/<pid>/status) and the most it has had (VmHWM). */
export function processRssMb(pid: number): { now: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const mb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB$`, 'm').exec(status)?.[1] ?? NaN) / 1024;
  return { now: mb('VmRSS'), peak: mb('VmHWM') };
}

/** Load average of the last 1, 5 and 15 minutes, as `uptime` prints it. */
export const loadAverage = (): string => os.loadavg().map((l) => l.toFixed(2)).join(' ');
