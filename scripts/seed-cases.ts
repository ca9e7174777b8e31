/**
 * Cases written straight into a records database, without workflows: fixtures for the page benchmark
 * (`npm run bench:pages`) and for tests that need exact figures (the administrators' dashboard).
 */
import type { TCaseStatus, TTask, TTaskStatus } from '../domain/case';
import type { TCaseType } from '../domain/case-type.schema';
import { newContractFacts } from '../domain/kinds/contract/contract.facts';
import type { Records } from '../store/records';

export interface TSeedTask {
  stageId: string;
  stageName: string;
  role: string;
  status: TTaskStatus;
  createdAt: Date;
  dueAt: Date;
  decidedAt?: Date | null;
}

export interface TSeedCase {
  caseId: string;
  typeId: string;
  typeCode: string;
  applicantId: string;
  applicant?: { name: string; nik: string; email?: string; phone?: string };
  submittedAt: Date;
  status: TCaseStatus;
  stage: { id: string; name: string; dueAt: Date } | null;
  caseDueAt: Date;
  closedAt?: Date | null;
  tasks?: TSeedTask[];
  /** The application's fields (none by default). */
  fields?: Record<string, unknown>;
}

/** Registers a case (it gets its registration number) and writes its projection and tasks as version 1. */
export async function seedCase(records: Records, c: TSeedCase): Promise<{ registrationNumber: string }> {
  const registered = await records.registerCase({
    caseId: c.caseId,
    kind: 'permit',
    typeId: c.typeId,
    typeCode: c.typeCode,
    applicantId: c.applicantId,
    submittedAt: c.submittedAt.toISOString(),
    year: c.submittedAt.getUTCFullYear(),
  });
  await records.saveApplicant(c.caseId, {
    name: c.applicant?.name ?? 'Pemohon Uji',
    nik: c.applicant?.nik ?? '6112010101900001',
    email: c.applicant?.email ?? 'pemohon@example.com',
    phone: c.applicant?.phone ?? '081200000000',
    address: 'Jl. Uji No. 1, Sungai Raya',
  });
  const tasks: TTask[] = (c.tasks ?? []).map((t, i) => ({
    id: `${c.caseId}-t${i + 1}`,
    kind: 'review',
    caseId: c.caseId,
    stageId: t.stageId,
    stageName: t.stageName,
    role: t.role,
    status: t.status,
    assignee: null,
    outcome: t.status === 'done' ? 'approve' : null,
    comment: null,
    createdAt: t.createdAt.toISOString(),
    dueAt: t.dueAt.toISOString(),
    decidedAt: t.decidedAt ? t.decidedAt.toISOString() : null,
    version: 1,
  }));
  await records.projectCase({
    caseId: c.caseId,
    version: 1,
    status: c.status,
    stageId: c.stage?.id ?? null,
    stageName: c.stage?.name ?? null,
    fields: c.fields ?? {},
    facts: { kind: 'permit', flags: [] },
    documents: {},
    stageDueAt: c.stage ? c.stage.dueAt.toISOString() : null,
    caseDueAt: c.caseDueAt.toISOString(),
    closedAt: c.closedAt ? c.closedAt.toISOString() : null,
    outcomeReason: null,
    tasks,
    events: [{ caseId: c.caseId, seq: 1, at: c.submittedAt.toISOString(), actorId: c.applicantId, role: 'applicant', action: 'submitted', stageId: null, comment: null }],
  });
  return registered;
}

const DAY = 86_400_000;

/**
 * `count` open cases spread over the catalogue's types and stages, submitted over the last `spreadDays` days, a
 * share of them overdue; each with its earlier stages' tasks decided (some late) and its current stage's tasks open.
 */
export async function seedOpenCases(records: Records, catalog: ReadonlyMap<string, TCaseType>, options: { count: number; now: Date; spreadDays?: number; prefix?: string }): Promise<void> {
  const types = [...catalog.values()];
  const spread = options.spreadDays ?? 60;
  for (let i = 0; i < options.count; i++) {
    const type = types[i % types.length]!;
    const stageIndex = Math.floor(i / types.length) % type.stages.length;
    const stage = type.stages[stageIndex]!;
    const submittedAt = new Date(options.now.getTime() - ((i * 7919) % (spread * 24)) * (DAY / 24) - DAY / 2);
    const overdue = i % 5 === 0;
    const stageDueAt = new Date(overdue ? options.now.getTime() - DAY : options.now.getTime() + 3 * DAY);
    const tasks: TSeedTask[] = [];
    type.stages.slice(0, stageIndex).forEach((earlier, k) => {
      const createdAt = new Date(submittedAt.getTime() + k * DAY);
      const dueAt = new Date(createdAt.getTime() + earlier.serviceLevelDays * DAY);
      const decidedAt = new Date(Math.min(options.now.getTime() - 1000, createdAt.getTime() + (i % 3 === 0 ? earlier.serviceLevelDays + 1 : 1) * DAY));
      for (const role of earlier.roles) tasks.push({ stageId: earlier.id, stageName: earlier.name.id, role, status: 'done', createdAt, dueAt, decidedAt });
    });
    for (const role of stage.roles) tasks.push({ stageId: stage.id, stageName: stage.name.id, role, status: 'open', createdAt: new Date(submittedAt.getTime() + stageIndex * DAY), dueAt: stageDueAt });
    await seedCase(records, {
      caseId: `${options.prefix ?? 'bench'}-${String(i).padStart(5, '0')}`,
      typeId: type.id,
      typeCode: type.code,
      applicantId: `applicant-${i % 50}`,
      applicant: { name: `Pemohon ${i}`, nik: `6112${String(i).padStart(12, '0')}` },
      submittedAt,
      status: 'in_review',
      stage: { id: stage.id, name: stage.name.id, dueAt: stageDueAt },
      caseDueAt: new Date(submittedAt.getTime() + type.serviceLevelDays * 1.4 * DAY),
      tasks,
    });
  }
}

/** A contract in negotiation (no stage, no task) with its fields: its parties give the PPK's and the vendor's scope. */
export async function seedContract(records: Records, c: { caseId: string; typeCode: string; applicantId: string; submittedAt: Date; fields: Record<string, unknown> }): Promise<void> {
  await records.registerCase({ caseId: c.caseId, kind: 'contract', typeId: 'barang', typeCode: c.typeCode, applicantId: c.applicantId, submittedAt: c.submittedAt.toISOString(), year: c.submittedAt.getUTCFullYear() });
  await records.projectCase({
    caseId: c.caseId,
    version: 1,
    status: 'negotiation',
    stageId: null,
    stageName: null,
    fields: c.fields,
    facts: newContractFacts(),
    documents: {},
    stageDueAt: null,
    caseDueAt: null,
    closedAt: null,
    outcomeReason: null,
    tasks: [],
    events: [],
  });
}
