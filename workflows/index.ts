// The workflow bundle's entry: every workflow type the worker serves.
export { permitWorkflow } from './permit/permit.workflow';
