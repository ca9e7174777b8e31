/** A background pass the worker runs now and then again every interval (reconciler, anomaly sweep, tree heads). */
export interface TPeriodicPass {
  /** Stops the timer and waits for the pass in progress, if any. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` at once and then `intervalMs` after each one ends (never two at a time); a failed pass goes to `onError`
 * and the next one tries again, so a database or server away for a while costs passes, never the worker.
 */
export function startPeriodicPass(pass: () => Promise<void>, intervalMs: number, onError: (err: unknown) => void): TPeriodicPass {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  const run = () => {
    current = pass()
      .catch(onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(run, intervalMs);
      });
  };
  run();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
  };
}

/** An error's message for a log line (no stack: these are expected outages, logged at every pass). */
export const errorMessage = (err: unknown): string => (err instanceof Error ? err.message : String(err));
