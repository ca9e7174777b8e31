// The workflow bundle's entry: every workflow type the worker serves.
export { contractWorkflow } from './contract/contract.workflow';
export { permitWorkflow } from './permit/permit.workflow';
