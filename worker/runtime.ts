import { DefaultLogger, Runtime } from '@temporalio/worker';
import type { LogLevel } from '@temporalio/common';

let installedBy: string | undefined;

/** `host:port` as the SDK core binds it (`[::1]:9464` for an IPv6 host). */
export const bindAddressOf = (host: string, port: number): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/**
 * Installs the process's one Temporal runtime: the SDK's logger and, when `metricsAddress` is given, its own
 * worker metrics (task slots, poll and schedule-to-start latencies, activity and workflow execution times) served
 * by the SDK core as Prometheus text on `http://<metricsAddress>/metrics`. Names follow Prometheus conventions:
 * `temporal_` prefix, seconds with a `_seconds` suffix, counters with `_total`.
 * The SDK allows one install per process, before any connection or worker: a second call is a programming error
 * named here (the test harness installs it in its process; `npm start` and the cluster run workers as processes).
 */
export function installWorkerRuntime(opts: { logLevel: LogLevel; metricsAddress?: string; caller: string }): void {
  if (installedBy) throw new Error(`the Temporal runtime is installed once per process (already by ${installedBy}; now ${opts.caller})`);
  Runtime.install({
    logger: new DefaultLogger(opts.logLevel),
    ...(opts.metricsAddress
      ? {
          telemetryOptions: {
            metrics: { prometheus: { bindAddress: opts.metricsAddress, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true } },
          },
        }
      : {}),
  });
  installedBy = opts.caller;
}
