import { expect } from 'chai';
import fc from 'fast-check';
import { CASE_STATUSES } from '../../domain/case';
import type { TCaseStatus } from '../../domain/case';
import { CATALOG_DIR, loadCatalog } from '../../store/catalog';
import { loadContractCatalog } from '../../store/contract-catalog';
import { PROPERTY_RUNS, runSequence, sequenceArb } from './case-engine.commands';
import { apply, CaseModel, contractInput, ModelClock, permitInput, standaloneAddendumInput } from './case-engine.model';
import type { TCommand } from './case-engine.model';

const permitTypes = [...loadCatalog(CATALOG_DIR).values()];
const contractTypes = [...loadContractCatalog().values()];
const GUARANTEE_DUE = '2026-12-17T09:00:00.000Z';

/**
 * Model-based tests of the case engine without Temporal: random command sequences (every update with right
 * and wrong actors, outcomes, versions and grants; two updates in one activation; the guarantee timer) played
 * on `CaseState` the way the workflows drive it, checked after every step (test/domain/case-engine.invariants.ts).
 */
describe('case engine: random command sequences against the invariants (fast-check, no Temporal)', function () {
  this.timeout(120_000);
  let sequences = 0;
  let commands = 0;
  /** Addenda in flight that their contract's termination ended. */
  let endedByTermination = 0;
  const reached = new Map<string, Map<TCaseStatus, number>>();
  const note = (kind: string, status: TCaseStatus) => {
    if (!reached.has(kind)) reached.set(kind, new Map());
    reached.get(kind)!.set(status, (reached.get(kind)!.get(status) ?? 0) + 1);
  };

  after(() => {
    const lines = [...reached].map(([kind, counts]) => `${kind}: ${CASE_STATUSES.filter((s) => counts.has(s)).map((s) => `${s} ${counts.get(s)}`).join(', ')}`);
    process.stdout.write(
      `      property suite: ${sequences} command sequences, ${commands} commands; ${endedByTermination} addenda ended by a termination; final statuses:\n        ${lines.join('\n        ')}\n`,
    );
  });

  for (const type of permitTypes) {
    it(`permit ${type.id}: ${PROPERTY_RUNS} sequences keep every invariant`, () => {
      let n = 0;
      fc.assert(
        fc.property(sequenceArb('permit', 24), (cmds) => {
          const { root } = runSequence(() => new CaseModel(permitInput(`p${n++}`, type), new ModelClock()), cmds);
          sequences++;
          commands += cmds.length;
          note(`permit ${type.id}`, root.state.status);
        }),
        { numRuns: PROPERTY_RUNS },
      );
      expect(reached.get(`permit ${type.id}`)!.has('issued')).to.equal(true);
    });
  }

  for (const type of contractTypes) {
    it(`contract ${type.id} (with addenda as children): ${PROPERTY_RUNS} sequences keep every invariant`, () => {
      let n = 0;
      fc.assert(
        fc.property(sequenceArb('contract', 50), (cmds) => {
          const { root } = runSequence(() => new CaseModel(contractInput(`k${n++}`, type, GUARANTEE_DUE), new ModelClock()), cmds);
          sequences++;
          commands += cmds.length;
          note(`contract ${type.id}`, root.state.status);
          root.children.forEach((child) => note('addendum (child)', child.state.status));
          endedByTermination += root.children.filter((c) => c.state.outcomeReason?.startsWith('Kontrak diputus')).length;
        }),
        { numRuns: PROPERTY_RUNS },
      );
      expect(reached.get(`contract ${type.id}`)!.has('active')).to.equal(true);
      expect(reached.get(`contract ${type.id}`)!.has('terminated')).to.equal(true);
    });
  }

  for (const withException of [false, true]) {
    it(`addendum ${withException ? 'above the cap (exception approval)' : 'within the cap'}: ${PROPERTY_RUNS} sequences keep every invariant`, () => {
      let n = 0;
      const contract = contractInput('k', contractTypes[0]!, GUARANTEE_DUE);
      fc.assert(
        fc.property(sequenceArb('addendum', 24), (cmds) => {
          const input = { ...standaloneAddendumInput(contract, withException), caseId: `a${n++}` };
          const { root } = runSequence(() => new CaseModel(input, new ModelClock()), cmds);
          sequences++;
          commands += cmds.length;
          note('addendum', root.state.status);
        }),
        { numRuns: PROPERTY_RUNS },
      );
      expect(reached.get('addendum')!.has('issued')).to.equal(true);
    });
  }
});

/** Sequences the random search found, kept as plain regressions. */
describe('case engine: regressions found by the property suite', () => {
  type TDecide = Extract<TCommand, { op: 'decide' }>;
  const decideOpen = (model: CaseModel, kind: string, outcome: TDecide['outcome'], terms: TDecide['terms'] = 'none'): TDecide => {
    const open = model.state.tasks.filter((t) => t.status === 'open' || t.status === 'claimed');
    const index = open.findIndex((t) => t.kind === kind);
    expect(index, `an open ${kind} task`).to.be.at.least(0);
    return { op: 'decide', target: 'case', task: { open: true, index }, actor: 'holder', outcome, comment: 'none', grant: 'none', terms };
  };

  it('keeps the vendor proposal when the guarantee is handed in in the same workflow activation', () => {
    const model = new CaseModel(contractInput('k-race', contractTypes[0]!, GUARANTEE_DUE), new ModelClock());
    apply(model, decideOpen(model, 'review', 'approve'));
    expect(model.state.status).to.equal('negotiation');
    const proposal = decideOpen(model, 'vendor_review', 'propose_changes', 1);
    // The second command resolves after the first applied: the guarantee is then the only open task.
    const applied = apply(model, { op: 'together', first: proposal, second: { ...decideOpen(model, 'guarantee', 'submit'), task: { open: true, index: 0 } } });
    expect(applied.kind).to.equal('accepted');
    expect(model.state.tasks.find((t) => t.kind === 'guarantee')!.status).to.equal('done');
    // Before the fix the negotiation read the latest decision (the guarantee's): terms version null, no PPK step.
    expect(model.state.termsVersion).to.equal(2);
    expect(model.state.proposals).to.equal(1);
    expect(model.state.tasks.filter((t) => t.status === 'open').map((t) => t.kind)).to.deep.equal(['ppk_review']);
  });

  it('refuses to withdraw an active contract and changes nothing; the contract still takes an addendum', () => {
    const model = new CaseModel(contractInput('k-active', contractTypes[0]!, GUARANTEE_DUE), new ModelClock());
    for (const kind of ['review', 'vendor_review', 'guarantee', 'sign', 'sign']) apply(model, decideOpen(model, kind, { fit: 1 }));
    expect(model.state.status).to.equal('active');
    const before = model.snapshot();
    // Before the fix the withdrawal closed the contract and its addendum loop read a request that was not there.
    expect(apply(model, { op: 'withdraw', target: 'case', actor: 'applicant', reason: 'Salah kirim' })).to.deep.equal({ kind: 'refused', failureType: 'InvalidTransition', updates: [] });
    expect(model.snapshot()).to.equal(before);
    expect(apply(model, { op: 'addendum', actor: 'applicant', terms: 1, exception: false }).kind).to.equal('accepted');
    expect(model.child?.state.status).to.equal('in_review');
  });

  const activeContract = (caseId: string) => {
    const model = new CaseModel(contractInput(caseId, contractTypes[0]!, GUARANTEE_DUE), new ModelClock());
    for (const kind of ['review', 'vendor_review', 'guarantee', 'sign', 'sign']) apply(model, decideOpen(model, kind, { fit: 1 }));
    expect(model.state.status).to.equal('active');
    return model;
  };
  const terminate: TCommand = { op: 'terminate', actor: 'applicant', reason: 'text' };

  it('terminates an active contract with an addendum in flight: the addendum ends withdrawn, then the contract, once', () => {
    const model = activeContract('k-end');
    expect(apply(model, { op: 'addendum', actor: 'applicant', terms: 1, exception: false }).kind).to.equal('accepted');
    const addendum = model.child!;
    expect(apply(model, { op: 'terminate', actor: 'vendor', reason: 'text' })).to.deep.include({ kind: 'refused', failureType: 'NotPermitted' });
    expect(apply(model, { op: 'terminate', actor: 'applicant', reason: 'blank' })).to.deep.include({ kind: 'refused', failureType: 'InvalidInput' });
    expect(apply(model, { op: 'terminate', actor: 'applicant', reason: 'long' })).to.deep.include({ kind: 'refused', failureType: 'InvalidInput' });
    expect(apply(model, terminate).kind).to.equal('accepted');
    expect(apply(model, terminate)).to.deep.include({ kind: 'refused', failureType: 'InvalidTransition' });
    expect(model.state.status).to.equal('active');
    expect(addendum.state.status).to.equal('in_review');
    apply(model, decideOpen(model, 'termination_review', 'approve'));
    expect(addendum.state.status).to.equal('withdrawn');
    expect(addendum.state.outcomeReason).to.equal('Kontrak diputus: Penyedia wanprestasi');
    expect(addendum.state.tasks.filter((t) => t.status === 'cancelled')).to.have.length.greaterThan(0);
    expect(model.state.status).to.equal('terminated');
    expect(model.state.events.filter((e) => e.action === 'terminated')).to.have.length(1);
    expect(model.state.facts).to.include({ kind: 'contract', terminationNoticeNumber: 'PUTUS/k-end' });
    expect(model.counters.terminationNotice).to.equal(1);
    const after = model.snapshot();
    expect(apply(model, { op: 'addendum', actor: 'applicant', terms: 1, exception: false }).kind).to.equal('refused');
    expect(model.snapshot()).to.equal(after);
  });

  it('ends an addendum whose signer decided in the same activation as the termination was approved, keeping no grant', () => {
    const model = activeContract('k-grant');
    apply(model, { op: 'addendum', actor: 'applicant', terms: 1, exception: false });
    const addendum = model.child!;
    apply(model, terminate);
    apply(model, { ...decideOpen(addendum, 'review', 'approve'), target: 'child' });
    expect(addendum.state.status).to.equal('awaiting_signature');
    // The vendor signs the addendum and legal approves the termination: both updates before either workflow runs.
    const sign = { ...decideOpen(addendum, 'sign', { fit: 0 }), target: 'child' as const, grant: 'good' as const };
    expect(apply(model, { op: 'together', first: sign, second: decideOpen(model, 'termination_review', 'approve') }).kind).to.equal('accepted');
    // Found by the property suite: the closed addendum kept the vendor's grant for a signature that never came.
    expect(addendum.state.status).to.equal('withdrawn');
    expect(addendum.state.pendingGrant).to.equal(null);
    expect(model.state.status).to.equal('terminated');
  });

  it('keeps a contract active when legal rejects its termination; no addendum meanwhile, one afterwards', () => {
    const model = activeContract('k-stay');
    expect(apply(model, terminate).kind).to.equal('accepted');
    expect(apply(model, { op: 'addendum', actor: 'applicant', terms: 1, exception: false })).to.deep.include({ kind: 'refused', failureType: 'InvalidTransition' });
    apply(model, { ...decideOpen(model, 'termination_review', 'reject'), comment: 'text' });
    expect(model.state.status).to.equal('active');
    expect(model.state.termination).to.equal(null);
    expect(apply(model, { op: 'addendum', actor: 'applicant', terms: 1, exception: false }).kind).to.equal('accepted');
    expect(model.child?.state.status).to.equal('in_review');
  });
});
