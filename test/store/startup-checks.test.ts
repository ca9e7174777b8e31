import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { openRecords } from '../../store/records';
import { checkSigners, loadCheckedTemplates, SHIPPED_TEMPLATES, StartupCheckError, type TTemplateLocations } from '../../store/startup-checks';

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
      expect(missing.problems).to.have.length(catalog.size);
      expect(missing.problems[0]).to.match(/permit type ".+": no development user has its signer role approver:/);
      const uncertified = await checkSigners({ catalog, records, devUsers: [{ id: 'kepala', roles: ['approver:kepala-dpmptsp'] }] });
      expect(uncertified.problems.some((p) => p.includes('(kepala) has an active signing certificate'))).to.equal(true, uncertified.problems.join('\n'));
      const production = await checkSigners({ catalog, records });
      expect(production.problems).to.deep.equal([]);
      expect(production.warnings).to.have.length(catalog.size);
    } finally {
      await records.close();
    }
  });
});
