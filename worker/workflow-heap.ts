import v8 from 'node:v8';

/** The young generation's semi-space of the workflow thread, in MB (V8's default is 16 on 64-bit machines). */
const WORKFLOW_SEMI_SPACE_MB = 2;

/**
 * Bounds the V8 heap of the thread the SDK runs workflows in, which Worker.create starts after this call: old space
 * at most `oldSpaceMb`, a small young generation. Unbounded, that thread takes V8's default limit (a quarter of the
 * machine's memory up to about 4 GB) and collects lazily the garbage every evicted or replayed workflow leaves (each
 * instantiates the workflow bundle's modules anew, about 2 MB), so the worker's RSS grew far past what its cache held.
 * V8 reads these flags when an isolate is created: they bound the threads started from now on, not the main thread.
 */
export function limitWorkflowThreadHeap(oldSpaceMb: number): void {
  v8.setFlagsFromString(`--max-old-space-size=${oldSpaceMb}`);
  v8.setFlagsFromString(`--max-semi-space-size=${WORKFLOW_SEMI_SPACE_MB}`);
}
