import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openRecords } from '../../store/records';
import { loadDevUsers } from '../../config/dev-users';
import type { TSignerCertificate } from '../../store/signers';
import { checkSigners, loadCheckedTemplates, SHIPPED_TEMPLATES, StartupCheckError, unheldRoles, type TTemplateLocations } from '../../store/startup-checks';

/** A copy of the shipped templates in a temp dir, to break one file at a time. */
function copyTemplates(): TTemplateLocations & { root: string } {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-templates-'));
  const templatesDir = path.dirname(SHIPPED_TEMPLATES.permitTypesDir);
  fs.cpSync(templatesDir, root, { recursive: true });
  return {
    root,
    permitTypesDir: path.join(root, 'permit-types'),
    certificatesDir: path.join(root, 'certificates'),
    contractTypesDir: path.join(root, 'contract-types'),
    calendarFile: path.join(root, 'calendar.json'),
  };
}

function startupError(where: TTemplateLocations): StartupCheckError {
  try {
    loadCheckedTemplates(where);
  } catch (err) {
    expect(err).to.be.instanceOf(StartupCheckError);
    return err as StartupCheckError;
  }
  throw new Error('expected start-up to stop');
}

describe('start-up checks (store/startup-checks.ts)', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  const fresh = () => {
    const t = copyTemplates();
    dirs.push(t.root);
    return t;
  };

  it('passes on the shipped templates', () => {
    const t = loadCheckedTemplates();
    expect(t.catalog.size).to.be.greaterThan(0);
    expect([...t.catalog.keys()].every((id) => t.layouts.has(id))).to.equal(true);
    expect(t.contractTypes.size).to.be.greaterThan(0);
  });

  it('stops naming the permit type when its certificate layout is missing', () => {
    const t = fresh();
    fs.rmSync(path.join(t.certificatesDir, 'sip.json'));
    const err = startupError(t);
    expect(err.message).to.match(/start-up checks failed/);
    expect(err.message).to.include('no certificate layout for permit type "sip"');
  });

  it('stops naming the file and the path of every broken catalog entry, all at once', () => {
    const t = fresh();
    const barang = path.join(t.contractTypesDir, 'barang.json');
    fs.writeFileSync(barang, JSON.stringify({ ...JSON.parse(fs.readFileSync(barang, 'utf8')), code: 'lower case' }));
    const pbg = path.join(t.permitTypesDir, 'pbg.json');
    const type = JSON.parse(fs.readFileSync(pbg, 'utf8'));
    type.stages[0].roles = ['nobody'];
    fs.writeFileSync(pbg, JSON.stringify(type));
    const err = startupError(t);
    expect(err.problems.some((p) => p.includes('barang.json') && p.includes('code'))).to.equal(true, err.message);
    expect(err.problems.some((p) => p.includes('pbg.json') && p.includes('stages.0.roles.0'))).to.equal(true, err.message);
  });

  it('stops naming the calendar file and the path of a bad office calendar (hours, offset)', () => {
    const t = fresh();
    const calendar = JSON.parse(fs.readFileSync(t.calendarFile, 'utf8'));
    calendar.officeHours.friday = { opens: '07:30', closes: '25:00' };
    delete calendar.version;
    fs.writeFileSync(t.calendarFile, JSON.stringify(calendar));
    const err = startupError(t);
    expect(err.problems.some((p) => p.includes('calendar.json: officeHours.friday.closes: expected HH:MM'))).to.equal(true, err.message);
    expect(err.problems.some((p) => p.includes('calendar.json: version:'))).to.equal(true, err.message);
  });

  it('stops when a review role has no unit in the organisation, or the organisation file is bad, naming the file', () => {
    const t = fresh();
    const organisationFile = path.join(t.root, 'organisation.json');
    const organisation = JSON.parse(fs.readFileSync(organisationFile, 'utf8'));
    organisation.units = organisation.units.filter((u: { id: string }) => u.id !== 'damkar');
    organisation.head.mailbox = 'nobody';
    fs.writeFileSync(organisationFile, JSON.stringify(organisation));
    const err = startupError({ ...t, organisationFile });
    expect(err.problems.some((p) => p.includes('organisation.json: head.mailbox:'))).to.equal(true, err.message);
    organisation.head.mailbox = 'kepala@dpmptsp.example.org';
    fs.writeFileSync(organisationFile, JSON.stringify(organisation));
    const unlisted = startupError({ ...t, organisationFile });
    expect(unlisted.problems).to.deep.equal([`${organisationFile}: units: no unit lists role reviewer:damkar (permit type "pbg" stage "kajian_teknis")`]);
    expect(loadCheckedTemplates().organisation.units.map((u) => u.id)).to.include('pupr');
  });

  it('gives the office calendar of the deadline rule beside the workflows\' calendar', () => {
    const t = loadCheckedTemplates();
    expect(t.officeCalendar.closesAtMinute[5]).to.equal(16 * 60 + 30);
    expect([...t.officeCalendar.holidays.keys()]).to.have.length(t.calendar.holidays.length);
  });

  it('stops when there is no contract type at all', () => {
    const t = fresh();
    for (const f of fs.readdirSync(t.contractTypesDir)) fs.rmSync(path.join(t.contractTypesDir, f));
    expect(startupError(t).message).to.include('no contract type');
  });

  it('requires a certified signer for every permit type when development users are enabled; only warns without them', async () => {
    const records = await openRecords(':memory:');
    try {
      const { catalog } = loadCheckedTemplates();
      const missing = await checkSigners({ catalog, records, devUsers: [{ id: 'x', roles: ['applicant'] }] });
      const signerProblems = missing.problems.filter((p) => /^permit type ".+": no development user has its signer role approver:/.test(p));
      expect(signerProblems).to.have.length(catalog.size);
      const uncertified = await checkSigners({ catalog, records, devUsers: [{ id: 'kepala', roles: ['approver:kepala-dpmptsp'] }] });
      expect(uncertified.problems.some((p) => p.includes('(kepala) has an active signing certificate'))).to.equal(true, uncertified.problems.join('\n'));
      const production = await checkSigners({ catalog, records });
      expect(production.problems).to.deep.equal([]);
      expect(production.warnings).to.have.length(catalog.size);
    } finally {
      await records.close();
    }
  });

  /** A stored certificate row: the check asks only whether the user holds an active one. */
  const certificateOf = (userId: string): TSignerCertificate => ({
    serial: `0${userId.length}${userId.replace(/[^a-z0-9]/g, '')}`,
    userId,
    commonName: userId,
    certPem: 'not checked here',
    encryptedKeyPem: 'not checked here',
    notAfter: '2099-01-01T00:00:00.000Z',
    issuedAt: '2026-01-01T00:00:00.000Z',
    revokedAt: null,
    revocationReason: null,
  });

  it('with development users, every contract party who signs (PPK, vendor) holds a certificate; production only warns', async () => {
    const records = await openRecords(':memory:');
    try {
      const { catalog, contractTypes } = loadCheckedTemplates();
      const devUsers = loadDevUsers();
      const parties = devUsers.filter((u) => u.roles.some((r) => /^(ppk|vendor):/.test(r)));
      expect(parties.map((u) => u.id)).to.include.members(['ppk', 'vendor-a']);
      // Only the permit signers are certified: each contract party is named.
      await records.signers.save(certificateOf('kepala'));
      const uncertified = await checkSigners({ catalog, contractTypes, records, devUsers });
      expect(uncertified.problems).to.have.length(parties.length, uncertified.problems.join('\n'));
      expect(uncertified.problems.join('\n')).to.include('development user "ppk" (ppk:dinas-pupr) signs contracts but has no active signing certificate');
      for (const user of parties) await records.signers.save(certificateOf(user.id));
      // The shipped development users: everyone a case waits for exists.
      expect(await checkSigners({ catalog, contractTypes, records, devUsers })).to.deep.equal({ problems: [], warnings: [] });
      const production = await checkSigners({ catalog, contractTypes, records });
      expect(production.problems).to.deep.equal([]);
      expect(production.warnings.some((w) => w.startsWith('contracts: make sure every PPK and vendor'))).to.equal(true);
    } finally {
      await records.close();
    }
  });

  it('with development users, every role a task goes to is held by someone, naming the type, the stage and the role', () => {
    const { catalog, contractTypes } = loadCheckedTemplates();
    const devUsers = loadDevUsers();
    expect(unheldRoles(catalog, contractTypes, devUsers)).to.deep.equal([]);
    // Without the PUPR reviewer, a second PPK unit without its legal office, and no head of office.
    const fewer = [
      ...devUsers.filter((u) => !u.roles.includes('reviewer:pupr') && !u.roles.includes('approver:kepala-dpmptsp')),
      { id: 'ppk-dinkes', roles: ['ppk:dinkes'] },
    ];
    const problems = unheldRoles(catalog, contractTypes, fewer);
    expect(problems.some((p) => /^permit type "pbg" stage ".+": no development user has role reviewer:pupr, so its tasks would wait forever/.test(p))).to.equal(true, problems.join('\n'));
    expect(problems).to.include('contract type "barang" stage "kajian_hukum" for unit dinkes: no development user has role legal:dinkes, so its tasks would wait forever (config/dev-users.json)');
    expect(problems).to.include('contract type "barang" exception approval: no development user has role approver:kepala-dpmptsp, so its tasks would wait forever (config/dev-users.json)');
    expect(problems.some((p) => p.includes('unit dinas-pupr'))).to.equal(false);
  });
});
