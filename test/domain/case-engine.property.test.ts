import { expect } from 'chai';
import fc from 'fast-check';
import { CASE_STATUSES } from '../../domain/case';
import type { TCaseStatus } from '../../domain/case';
import { CATALOG_DIR, loadCatalog } from '../../store/catalog';
import { loadContractCatalog } from '../../store/contract-catalog';
import { PROPERTY_RUNS, runSequence, sequenceArb } from './case-engine.commands';
import { CaseModel, contractInput, ModelClock, permitInput, standaloneAddendumInput } from './case-engine.model';

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
  const reached = new Map<string, Set<TCaseStatus>>();
  const note = (kind: string, status: TCaseStatus) => {
    if (!reached.has(kind)) reached.set(kind, new Set());
    reached.get(kind)!.add(status);
  };

  after(() => {
    const lines = [...reached].map(([kind, statuses]) => `${kind}: ${CASE_STATUSES.filter((s) => statuses.has(s)).join(', ')}`);
    process.stdout.write(`      property suite: ${sequences} command sequences, ${commands} commands; statuses reached: ${lines.join('; ')}\n`);
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
      expect(reached.get(`permit ${type.id}`)).to.include('issued');
    });
  }

  for (const type of contractTypes) {
    it(`contract ${type.id} (with addenda as children): ${PROPERTY_RUNS} sequences keep every invariant`, () => {
      let n = 0;
      fc.assert(
        fc.property(sequenceArb('contract', 40), (cmds) => {
          const { root } = runSequence(() => new CaseModel(contractInput(`k${n++}`, type, GUARANTEE_DUE), new ModelClock()), cmds);
          sequences++;
          commands += cmds.length;
          note(`contract ${type.id}`, root.state.status);
          root.children.forEach((child) => note('addendum (child)', child.state.status));
        }),
        { numRuns: PROPERTY_RUNS },
      );
      expect(reached.get(`contract ${type.id}`)).to.include('active');
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
      expect(reached.get('addendum')).to.include('issued');
    });
  }
});
