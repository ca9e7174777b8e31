import { expect } from 'chai';
import fc from 'fast-check';
import { caseRelation, caseScope, mayAddressTask, mayReadCase, mayReadDocument, maskNik, maySeePersonalData } from '../../domain/access-policy';
import type { TCaseAccessFacts, TCaseScope } from '../../domain/access-policy';
import type { TActor } from '../../domain/roles';

const permit: TCaseAccessFacts = { kind: 'permit', applicantId: 'budi', taskRoles: ['reviewer:dpmptsp', 'reviewer:pupr', 'reviewer:bapenda'] };
const contract: TCaseAccessFacts = { kind: 'contract', applicantId: 'ppk', taskRoles: ['legal:dinas-pupr'], ppkRole: 'ppk:dinas-pupr', vendorRole: 'vendor:012345678901234' };
const actor = (userId: string, ...roles: string[]): TActor => ({ userId, roles });

/** The scope a store query runs, evaluated in memory, to hold it equal to `mayReadCase`. */
function inScope(scope: TCaseScope, facts: TCaseAccessFacts): boolean {
  if (scope.all) return true;
  return (
    facts.applicantId === scope.applicantId ||
    facts.taskRoles.some((r) => scope.taskRoles.includes(r)) ||
    (facts.ppkRole !== undefined && scope.ppkRoles.includes(facts.ppkRole)) ||
    (facts.vendorRole !== undefined && scope.vendorRoles.includes(facts.vendorRole))
  );
}

describe('access policy (need to know)', () => {
  it('lets a reviewer read only the permits one of their roles acts or acted on', () => {
    expect(mayReadCase(actor('agus', 'reviewer:pupr'), permit)).to.equal(true);
    expect(mayReadCase(actor('dedi', 'reviewer:damkar'), permit)).to.equal(false);
    expect(mayReadCase(actor('ppk', 'ppk:dinas-pupr'), permit)).to.equal(false);
    expect(mayReadCase(actor('siti', 'applicant'), permit)).to.equal(false);
    expect(caseRelation(actor('budi', 'applicant'), permit)).to.equal('applicant');
    expect(caseRelation(actor('admin', 'admin'), permit)).to.equal('admin');
  });

  it('lets the PPK and legal office of the unit, the vendor and administrators read a contract', () => {
    for (const a of [actor('ppk2', 'ppk:dinas-pupr'), actor('hukum', 'legal:dinas-pupr'), actor('vendor-a', 'vendor:012345678901234'), actor('admin', 'admin')]) {
      expect(mayReadCase(a, contract), a.userId).to.equal(true);
    }
    for (const a of [actor('vendor-b', 'vendor:987654321098765'), actor('x', 'legal:dinas-kesehatan'), actor('agus', 'reviewer:pupr'), actor('kepala', 'approver:kepala-dpmptsp')]) {
      expect(mayReadCase(a, contract), a.userId).to.equal(false);
    }
  });

  it('shows personal data to the applicant, acting staff and administrators only; uploads to their uploader and those', () => {
    expect(maySeePersonalData(actor('agus', 'reviewer:pupr'), permit)).to.equal(true);
    expect(maySeePersonalData(actor('vendor-a', 'vendor:012345678901234'), contract)).to.equal(false);
    expect(mayReadDocument(actor('budi', 'applicant'), { ownerId: 'budi' }, [])).to.equal(true);
    expect(mayReadDocument(actor('admin', 'admin'), { ownerId: 'budi' }, [])).to.equal(false);
    expect(mayReadDocument(actor('agus', 'reviewer:pupr'), { ownerId: 'budi' }, [permit])).to.equal(true);
    expect(mayReadDocument(actor('dedi', 'reviewer:damkar'), { ownerId: 'budi' }, [permit])).to.equal(false);
  });

  it("lets the Inspektorat's auditor read every case in full and address no task", () => {
    const inspektur = actor('inspektur', 'auditor');
    for (const facts of [permit, contract]) {
      expect(caseRelation(inspektur, facts)).to.equal('auditor');
      expect(maySeePersonalData(inspektur, facts)).to.equal(true);
      expect(mayAddressTask(inspektur, facts.taskRoles[0]!, facts)).to.equal(false);
    }
    expect(mayReadDocument(inspektur, { ownerId: 'budi' }, [permit])).to.equal(true);
    expect(mayReadDocument(inspektur, { ownerId: 'budi' }, [])).to.equal(false);
    expect(caseScope(inspektur)).to.deep.equal({ all: true });
  });

  it('keeps tasks of a permit away from its applicant, and lets the contract parties reach theirs', () => {
    expect(mayAddressTask(actor('budi', 'applicant'), 'reviewer:pupr', permit)).to.equal(false);
    expect(mayAddressTask(actor('admin', 'admin'), 'reviewer:pupr', permit)).to.equal(true);
    expect(mayAddressTask(actor('ppk', 'ppk:dinas-pupr'), 'legal:dinas-pupr', contract)).to.equal(true);
    expect(mayAddressTask(actor('dedi', 'reviewer:damkar'), 'reviewer:pupr', permit)).to.equal(false);
  });

  it('lists exactly the cases the policy lets an actor read', () => {
    const role = fc.constantFrom('applicant', 'admin', 'auditor', 'reviewer:pupr', 'reviewer:damkar', 'ppk:dinas-pupr', 'ppk:dinas-kesehatan', 'legal:dinas-pupr', 'legal:dinas-kesehatan', 'vendor:1', 'vendor:2');
    const user = fc.constantFrom('budi', 'siti', 'ppk', 'x');
    const facts = fc.record({
      kind: fc.constantFrom('permit' as const, 'contract' as const, 'addendum' as const),
      applicantId: user,
      taskRoles: fc.array(role, { maxLength: 3 }),
      ppkRole: fc.option(fc.constantFrom('ppk:dinas-pupr', 'ppk:dinas-kesehatan'), { nil: undefined }),
      vendorRole: fc.option(fc.constantFrom('vendor:1', 'vendor:2'), { nil: undefined }),
    }).map((f) => (f.kind === 'permit' ? { ...f, ppkRole: undefined, vendorRole: undefined } : f));
    fc.assert(
      fc.property(user, fc.array(role, { minLength: 1, maxLength: 3 }), facts, (userId, roles, f) => {
        const a = actor(userId, ...roles);
        expect(inScope(caseScope(a), f)).to.equal(mayReadCase(a, f));
      }),
    );
  });

  it('masks a NIK to its region and last digits', () => {
    expect(maskNik('6112999988880001')).to.equal('6112********0001');
  });
});
