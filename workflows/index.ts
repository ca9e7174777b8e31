// The workflow bundle's entry: every workflow type the worker serves.
export { addendumWorkflow } from './contract/addendum.workflow';
export { contractWorkflow } from './contract/contract.workflow';
export { permitWorkflow } from './permit/permit.workflow';
export { calendarReprojectionWorkflow } from './calendar/calendar-reprojection.workflow';
export { treeHeadWorkflow } from './log/tree-head.workflow';
