import fs from 'node:fs';
import path from 'node:path';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { WorkerOptions } from '@temporalio/worker';
import { createActivities, type TActivityDeps } from '../activities/create-activities';
import { FAILURE_CONVERTER_PATH } from '../config/payload-codec';
import { CODE_ROOT, COMPILED, projectFile } from '../project-root';

/** The workflow sources, which webpack bundles (at worker start from source, at `npm run build` for production). */
export const WORKFLOWS_PATH = projectFile('workflows', 'index.ts');
/** The prebuilt workflow bundle, written by `npm run build` (scripts/build.ts) into the build's output folder. */
export const WORKFLOW_BUNDLE_FILE = 'workflow-bundle.js';

/**
 * Modules a workflow thread evaluates once and every workflow in it shares (the SDK's `preloadModules`): the domain
 * modules the workflows import, with everything they import (zod among them). Otherwise each new or replayed workflow
 * evaluates them again, building every zod schema of the case and contract types anew: about 14 ms of a permit's
 * workflow-thread time and much of the memory each cached workflow holds (issue 12). Only stateless code belongs here (constants,
 * functions, classes, a pure memo): never @temporalio/workflow or anything under workflows/, whose module state is
 * each workflow's own.
 */
export const SHARED_WORKFLOW_MODULES = [
  ...['engine/case-state.ts', 'engine/case-messages.ts', 'engine/case-refusal.ts', 'case-type.schema.ts', 'calendar.ts', 'failures.ts'].map((file) => projectFile('domain', file)),
  ...['kinds/addendum/addendum.case-type.ts', 'kinds/contract/contract.facts.ts', 'working-time/calendar-change.ts'].map((file) => projectFile('domain', file)),
];

/** How the workflow code is bundled, at worker start from source, by `npm run build` and by the tests alike. */
export const WORKFLOW_BUNDLER_OPTIONS = {
  workflowsPath: WORKFLOWS_PATH,
  failureConverterPath: FAILURE_CONVERTER_PATH,
  preloadModules: SHARED_WORKFLOW_MODULES,
};

/**
 * The workflow code a worker runs, by one rule: how the worker itself runs. Compiled (`node dist/worker/main.js`),
 * the bundle built with it, so that a production start runs no webpack over TypeScript sources and runs exactly
 * the workflow code of that build (a missing bundle stops the start). From source, workflows/ bundled at start, so
 * an edit counts at the next start and a bundle left by an earlier build is never picked up.
 */
export function workflowCode(): Pick<WorkerOptions, 'workflowBundle' | 'workflowsPath' | 'bundlerOptions'> {
  if (!COMPILED) return { workflowsPath: WORKFLOWS_PATH, bundlerOptions: { preloadModules: SHARED_WORKFLOW_MODULES } };
  const codePath = path.join(CODE_ROOT, WORKFLOW_BUNDLE_FILE);
  if (!fs.existsSync(codePath)) throw new Error(`the workflow bundle ${codePath} is missing: run npm run build`);
  return { workflowBundle: { codePath } };
}

export interface TWorkerDeps extends TActivityDeps {
  connection: NativeConnection;
  namespace: string;
  taskQueue: string;
  /** A prebuilt bundle (tests build one per run); otherwise `workflowCode()`'s. */
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** The payload codec (config/payload-codec.ts) of the installation; the clients that start workflows use the same. */
  dataConverter?: WorkerOptions['dataConverter'];
  /**
   * How many case workflows stay in memory between their steps, and how many workflow tasks run at once
   * (SAHKAN_WORKER_MAX_CACHED_WORKFLOWS, SAHKAN_WORKER_MAX_CONCURRENT_WORKFLOW_TASKS). An evicted workflow replays its
   * history at its next step. Unset: the SDK's defaults, which size the cache by the heap limit (thousands).
   */
  workflowCache?: { maxCachedWorkflows: number; maxConcurrentWorkflowTaskExecutions: number };
}

/** The one place that wires activities and workflows into a worker, for `npm start` and tests alike. */
export function createWorker(deps: TWorkerDeps): Promise<Worker> {
  return Worker.create({
    connection: deps.connection,
    namespace: deps.namespace,
    taskQueue: deps.taskQueue,
    dataConverter: deps.dataConverter,
    ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : workflowCode()),
    activities: createActivities(deps),
    ...deps.workflowCache,
  });
}
