import fc from 'fast-check';
import { ALL_TASK_OUTCOMES } from '../../domain/outcome';
import type { TCaseKind } from '../../domain/case';
import { apply, CaseModel } from './case-engine.model';
import type { TActorPick, TApplied, TCommand, TTaskPick } from './case-engine.model';
import { checkCase, checkFamily, remember } from './case-engine.invariants';
import type { TSeen } from './case-engine.invariants';

/** How many sequences each property runs: `SAHKAN_PROPERTY_RUNS` for a longer local run. */
export const PROPERTY_RUNS = Number(process.env.SAHKAN_PROPERTY_RUNS ?? 300);

const taskPick: fc.Arbitrary<TTaskPick> = fc.oneof(
  { weight: 12, arbitrary: fc.record({ open: fc.constant(true), index: fc.nat(5) }) },
  { weight: 2, arbitrary: fc.record({ open: fc.constant(false), index: fc.nat(30) }) },
  { weight: 1, arbitrary: fc.constant('missing' as const) },
);
const anyActor = fc.constantFrom<TActorPick>('second-holder', 'applicant', 'other-applicant', 'nobody', 'admin', 'vendor', 'ppk', 'head');
const taskActor: fc.Arbitrary<TActorPick> = fc.oneof({ weight: 14, arbitrary: fc.constant('holder' as const) }, { weight: 2, arbitrary: anyActor });
const caseActor: fc.Arbitrary<TActorPick> = fc.oneof({ weight: 6, arbitrary: fc.constant('applicant' as const) }, { weight: 1, arbitrary: anyActor });
const target = fc.constantFrom<'case' | 'child'>('case', 'child', 'child');

const claim = fc.record({ op: fc.constant('claim' as const), target, task: taskPick, actor: taskActor });
const decide = fc.record({
  op: fc.constant('decide' as const),
  target,
  task: taskPick,
  actor: taskActor,
  outcome: fc.oneof({ weight: 12, arbitrary: fc.record({ fit: fc.nat(99) }) }, { weight: 1, arbitrary: fc.constantFrom(...ALL_TASK_OUTCOMES) }),
  comment: fc.oneof({ weight: 8, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: fc.constantFrom('blank' as const, 'text' as const) }),
  grant: fc.oneof({ weight: 8, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: fc.constantFrom('good' as const, 'refused' as const) }),
  terms: fc.oneof({ weight: 8, arbitrary: fc.constant('none' as const) }, { weight: 1, arbitrary: fc.constantFrom(-1 as const, 0 as const, 1 as const, 2 as const) }),
});
const revise = (main: 'field' | 'terms') =>
  fc.record({
    op: fc.constant('revise' as const),
    target,
    actor: caseActor,
    change: fc.oneof({ weight: 6, arbitrary: fc.constant(main) }, { weight: 1, arbitrary: fc.constantFrom('field' as const, 'terms' as const, 'terms-skip' as const, 'empty' as const) }),
  });
const withdraw = fc.record({ op: fc.constant('withdraw' as const), target, actor: caseActor, reason: fc.constantFrom(null, 'Tidak jadi') });
const addendum = fc.record({
  op: fc.constant('addendum' as const),
  actor: caseActor,
  terms: fc.oneof({ weight: 6, arbitrary: fc.constant(1 as const) }, { weight: 1, arbitrary: fc.constantFrom(0 as const, 2 as const) }),
  exception: fc.boolean(),
});
const timer = fc.constant({ op: 'timer' as const });
const terminate = fc.record({
  op: fc.constant('terminate' as const),
  actor: caseActor,
  reason: fc.oneof({ weight: 8, arbitrary: fc.constant('text' as const) }, { weight: 1, arbitrary: fc.constantFrom('blank' as const, 'long' as const) }),
});

/** The commands of one kind, weighted so that random sequences reach the late phases (signature, addenda). */
export function commandArb(kind: TCaseKind): fc.Arbitrary<TCommand> {
  const single: Array<fc.WeightedArbitrary<TCommand>> = [
    { weight: 16, arbitrary: decide },
    { weight: 2, arbitrary: claim },
    { weight: 3, arbitrary: revise(kind === 'permit' ? 'field' : 'terms') },
    { weight: 1, arbitrary: withdraw },
  ];
  if (kind === 'contract') single.push({ weight: 3, arbitrary: addendum }, { weight: 1, arbitrary: timer }, { weight: 1, arbitrary: terminate });
  const one = fc.oneof(...single);
  return fc.oneof(...single, { weight: 1, arbitrary: fc.record({ op: fc.constant('together' as const), first: one, second: one }) });
}

export function sequenceArb(kind: TCaseKind, maxLength: number): fc.Arbitrary<TCommand[]> {
  return fc.array(commandArb(kind), { minLength: 1, maxLength, size: 'max' });
}

export interface TRunResult {
  root: CaseModel;
  applied: TApplied[];
}

/** Plays a sequence on a fresh model, checking every case (the contract and its addenda) after every step. */
export function runSequence(makeModel: () => CaseModel, commands: TCommand[]): TRunResult {
  const root = makeModel();
  const all = () => [root, ...root.children];
  let seen = new Map<CaseModel, TSeen>();
  const check = () => {
    const next = new Map<CaseModel, TSeen>();
    for (const model of all()) {
      const snapshot = model.snapshot();
      checkCase(model, seen.get(model), snapshot);
      next.set(model, remember(model, snapshot, seen.get(model)));
      model.checkedSnapshot = snapshot;
    }
    checkFamily(root, seen);
    seen = next;
  };
  check();
  const applied = commands.map((cmd) => {
    const result = apply(root, cmd);
    check();
    return result;
  });
  return { root, applied };
}
