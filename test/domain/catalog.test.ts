import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'chai';
import { loadDevUsers } from '../../config/dev-users';
import { ZCaseTypeSchema } from '../../domain/case-type.schema';
import { CALENDAR_FILE, CATALOG_DIR, loadCalendar, loadCatalog, loadOfficeCalendar } from '../../store/catalog';
import { dayNumber, isoDateOf } from '../../domain/calendar';

const readJson = (file: string): Record<string, unknown> => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
const shipped = (name: string) => readJson(path.join(CATALOG_DIR, name));

describe('permit-type catalog', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-catalog-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const write = (name: string, value: unknown) => {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value, null, 2));
    return file;
  };

  it('loads the shipped types PBG, Reklame and SIP, each valid on its own', () => {
    const catalog = loadCatalog(CATALOG_DIR);
    expect([...catalog.keys()].sort()).to.deep.equal(['pbg', 'reklame', 'sip']);
    expect([...catalog.values()].map((t) => t.code).sort()).to.deep.equal(['PBG', 'REK', 'SIP']);
    for (const name of fs.readdirSync(CATALOG_DIR).filter((n) => n.endsWith('.json'))) {
      const result = ZCaseTypeSchema.safeParse(shipped(name));
      expect(result.success, `${name}: ${JSON.stringify(result.error?.issues)}`).to.equal(true);
    }
  });

  it('keeps every shipped type within its total service level, with the stages the office runs', () => {
    const catalog = loadCatalog(CATALOG_DIR);
    for (const type of catalog.values()) {
      const sum = type.stages.reduce((s, stage) => s + stage.serviceLevelDays, 0);
      expect(sum, type.id).to.be.at.most(type.serviceLevelDays);
      expect(type.stages[0]!.kind, type.id).to.equal('completeness_check');
      expect(type.stages.at(-1), type.id).to.deep.include({ kind: 'approval', roles: ['approver:kepala-dpmptsp'] });
    }
    const pbg = catalog.get('pbg')!;
    expect(pbg.serviceLevelDays).to.equal(28);
    expect(pbg.stages.map((s) => s.id)).to.deep.equal(['kelengkapan', 'kajian_teknis', 'persetujuan']);
    expect(pbg.stages[1]).to.deep.include({ kind: 'technical_review', parallel: true, roles: ['reviewer:pupr', 'reviewer:damkar'] });
    expect(pbg.fields.find((f) => f.id === 'building_function')?.options).to.deep.equal([
      'hunian',
      'usaha',
      'sosial_budaya',
      'keagamaan',
      'khusus',
    ]);
    expect(catalog.get('reklame')!.serviceLevelDays).to.equal(5);
    const sip = catalog.get('sip')!;
    expect(sip.stages[1]).to.deep.include({ id: 'rekomendasi', kind: 'recommendation', roles: ['reviewer:dinkes'] });
    expect(sip.fields.find((f) => f.id === 'profession')?.options).to.include.members(['dokter', 'bidan', 'apoteker']);
  });

  it('applies schema defaults (required, parallel) to the loaded definitions', () => {
    const pbg = loadCatalog(CATALOG_DIR).get('pbg')!;
    expect(pbg.fields.find((f) => f.id === 'floor_count')?.required).to.equal(true);
    expect(pbg.fields.find((f) => f.id === 'building_name')?.required).to.equal(false);
    expect(pbg.stages[0]!.parallel).to.equal(false);
  });

  it('has a seeded development user for every role a shipped stage needs', () => {
    const held = new Set(loadDevUsers().flatMap((u) => u.roles));
    for (const type of loadCatalog(CATALOG_DIR).values()) {
      for (const stage of type.stages) for (const role of stage.roles) expect(held.has(role), `${type.id}/${stage.id}: ${role}`).to.equal(true);
    }
    const users = loadDevUsers();
    expect(users.map((u) => u.id)).to.include.members(['budi', 'siti', 'kepala', 'admin']);
  });

  it('names the file and the path inside it when a definition is broken', () => {
    const pbg = shipped('pbg.json') as { stages: Array<{ roles: string[] }> };
    pbg.stages[1]!.roles[0] = 'Reviewer PUPR';
    const file = write('pbg.json', pbg);
    expect(() => loadCatalog(tmp)).to.throw(`${file}: stages.1.roles.0: unknown role format`);
  });

  it('reports a stage total over the type total, an enum without options and a duplicate stage id', () => {
    const reklame = shipped('reklame.json') as {
      serviceLevelDays: number;
      fields: Array<{ id: string; options?: string[] }>;
      stages: Array<{ id: string }>;
    };
    reklame.serviceLevelDays = 3;
    delete reklame.fields[0]!.options;
    reklame.stages[2]!.id = 'kelengkapan';
    const file = write('reklame.json', reklame);
    let message = '';
    try {
      loadCatalog(tmp);
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).to.include(`${file}: serviceLevelDays: stages add up to 5 working days, more than the total 3`);
    expect(message).to.include(`${file}: fields.0.options: an enum field needs options`);
    expect(message).to.include(`${file}: stages.2.id: duplicate id "kelengkapan"`);
  });

  it('gives every enum option a label in both languages, and refuses a label for an option the field does not have', () => {
    for (const type of loadCatalog(CATALOG_DIR).values()) {
      for (const f of type.fields.filter((field) => field.type === 'enum')) {
        for (const option of f.options!) expect(f.optionLabels?.[option], `${type.id}.${f.id}.${option}`).to.have.keys(['id', 'en']);
      }
    }
    const reklame = shipped('reklame.json') as { fields: Array<{ optionLabels?: Record<string, unknown> }> };
    reklame.fields[0]!.optionLabels!.papan_iklan = { id: 'Papan iklan', en: 'Sign' };
    const file = write('reklame.json', reklame);
    expect(() => loadCatalog(tmp)).to.throw(`${file}: fields.0.optionLabels.papan_iklan: "papan_iklan" is not an option of the field`);
  });

  it('refuses a file that is not JSON, naming it', () => {
    const file = write('broken.json', '{ "id": "pbg", ');
    expect(() => loadCatalog(tmp)).to.throw(`${file}: not valid JSON`);
  });

  it('refuses the same type id in two files, naming both', () => {
    write('a.json', shipped('sip.json'));
    const second = { ...shipped('sip.json'), code: 'SIP2' };
    const file = write('b.json', second);
    expect(() => loadCatalog(tmp)).to.throw(`${file}: id: duplicate type id "sip" (already defined in ${path.join(tmp, 'a.json')})`);
  });

  it('refuses the same code in two files (it scopes registration numbers)', () => {
    write('a.json', shipped('sip.json'));
    const file = write('b.json', { ...shipped('sip.json'), id: 'sip-kedua' });
    expect(() => loadCatalog(tmp)).to.throw(`${file}: code: duplicate type code "SIP"`);
  });

  it('ignores files that are not .json and fails clearly on a missing folder', () => {
    write('pbg.json', shipped('pbg.json'));
    write('README.md', '# notes');
    expect([...loadCatalog(tmp).keys()]).to.deep.equal(['pbg']);
    expect(() => loadCatalog(path.join(tmp, 'nope'))).to.throw(/cannot read the folder/);
  });
});

describe('office calendar file', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sahkan-calendar-'));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A calendar file with `holidays` (dates) and the shipped office hours. */
  const calendarFile = (holidays: string[]) => {
    const shipped = readJson(CALENDAR_FILE) as Record<string, unknown>;
    const file = path.join(tmp, 'calendar.json');
    fs.writeFileSync(file, JSON.stringify({ ...shipped, holidays: holidays.map((date) => ({ date, name: `Libur ${date}`, kind: 'libur_nasional' })) }));
    return file;
  };

  it('loads the shipped holidays with 16:00 closing at UTC+7 for the running workflows', () => {
    const calendar = loadCalendar(CALENDAR_FILE);
    expect(calendar.closesAtMinute).to.equal(16 * 60);
    expect(calendar.utcOffsetMinutes).to.equal(7 * 60);
    expect(calendar.holidays).to.include.members(['2026-01-01', '2026-08-17', '2026-12-25', '2027-01-01', '2027-08-17']);
    expect(calendar.holidays).to.deep.equal([...new Set(calendar.holidays)].sort());
    const raw = readJson(CALENDAR_FILE) as { source: string; version: string; holidays: Array<{ date: string; name: string; kind: string }> };
    expect(raw.source).to.match(/SKB/);
    expect(raw.version).to.be.a('string');
    expect(raw.holidays.every((h) => h.name.length > 0)).to.equal(true);
    // The 2026 cuti bersama of the SKB: 16 Feb, 18, 20, 23, 24 Mar, 15, 28 May, 24 Dec.
    expect(raw.holidays.filter((h) => h.kind === 'cuti_bersama').map((h) => h.date)).to.deep.equal(['2026-02-16', '2026-03-18', '2026-03-20', '2026-03-23', '2026-03-24', '2026-05-15', '2026-05-28', '2026-12-24']);
  });

  it('gives the deadline rule the same holidays, named', () => {
    const office = loadOfficeCalendar(CALENDAR_FILE);
    expect([...office.holidays.keys()].map(isoDateOf).sort()).to.deep.equal(loadCalendar(CALENDAR_FILE).holidays);
    expect(office.holidays.get(dayNumber('2026-08-17'))).to.equal('Proklamasi Kemerdekaan Republik Indonesia');
  });

  it('merges extra holidays (SAHKAN_HOLIDAYS), sorted and without duplicates', () => {
    const file = calendarFile(['2026-08-17', '2026-01-01']);
    expect(loadCalendar(file, ['2026-07-06', '2026-01-01']).holidays).to.deep.equal(['2026-01-01', '2026-07-06', '2026-08-17']);
    expect(loadOfficeCalendar(file, ['2026-07-06']).holidays.get(dayNumber('2026-07-06'))).to.be.a('string');
    expect(() => loadCalendar(file, ['2026-7-6'])).to.throw(/extra holiday 0/);
    expect(() => loadOfficeCalendar(file, ['2026-7-6'])).to.throw(/extra holiday 0/);
  });

  it('names the file and the entry of an impossible date', () => {
    const file = calendarFile(['2026-01-01', '2026-02-30']);
    expect(() => loadCalendar(file)).to.throw(`${file}: holidays.1.date: not a calendar date`);
    expect(() => loadOfficeCalendar(file)).to.throw(`${file}: holidays.1.date: not a calendar date`);
  });
});
