/**
 * The worker of the bare workflow (scripts/bench-e2e/bare.workflow.ts), a process of its own so that the bench can
 * read its CPU time as it reads the project's worker's. TEMPORAL_ADDRESS and BENCH_TASK_QUEUE come from the bench.
 */
import { NativeConnection, Worker } from '@temporalio/worker';
import { WORKER_READY } from '../cluster-stack';
import { bareActivities } from './bare.activities';

async function main(): Promise<void> {
  const address = process.env.TEMPORAL_ADDRESS;
  const taskQueue = process.env.BENCH_TASK_QUEUE;
  if (!address || !taskQueue) throw new Error('TEMPORAL_ADDRESS and BENCH_TASK_QUEUE must be set');
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection, taskQueue, workflowsPath: require.resolve('./bare.workflow'), activities: bareActivities });
  console.log(`${WORKER_READY} ${taskQueue} on ${address}`);
  await worker.run();
  await connection.close();
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
