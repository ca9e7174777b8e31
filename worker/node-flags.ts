/**
 * Node options every launch of the worker process gives it (`npm start`, `npm run worker`, `npm run worker:prod`, the
 * benches and tests that start the stack). V8's young generation of the main thread grows to 16 MB per semi-space by
 * default and can only be bounded at the process's start; at 2 MB the worker with 1,000 open permits peaked at
 * 262 MB RSS instead of 334 (`npm run bench:memory -- --compiled`, issue 12). The workflow thread's heap is bounded
 * in code (worker/main.ts). An operator's NODE_OPTIONS still applies to both.
 */
export const WORKER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=2'];
