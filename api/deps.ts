import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { TCalendar } from '../domain/calendar';
import type { TOfficeCalendar } from '../domain/working-time/office-calendar';
import type { TCaseType } from '../domain/case-type.schema';
import type { TContractType } from '../domain/contract-type.schema';
import type { TOffice } from '../domain/certificate-layout.schema';
import type { BlobStore } from '../store/blob-store';
import type { Records } from '../store/records';
import type { TVerifyToken } from './auth';
import { apiLimitsOf, loadConfig } from '../config/env';
import type { TApiLimits } from '../config/env';
import type { TUploadPolicy } from './upload-policy';

/** Everything the routes need, built once by api/main.ts (or by the test harness). */
export interface TApiDeps {
  records: Records;
  blobs: BlobStore;
  temporal: Client;
  taskQueue: string;
  catalog: ReadonlyMap<string, TCaseType>;
  /**
   * The workflows' old rule (domain/calendar.ts), passed only in workflow start inputs for the steps and older cases
   * that must replay as recorded. Every count of working days in the API and the pages uses `officeCalendar` and
   * the closures in force (api/use-cases/calendar.ts `workingTimeNow`).
   */
  calendar: TCalendar;
  /** The office calendar of the deadline rule (domain/working-time/deadline.ts): office hours, named holidays. */
  officeCalendar: TOfficeCalendar;
  verifyToken: TVerifyToken;
  maxUploadBytes: number;
  /** What an upload must pass (checked in a child process) and how much each user may upload a day. */
  uploads: TUploadPolicy;
  contractTypes: ReadonlyMap<string, TContractType>;
  /** The letterhead printed on contract drafts. */
  office: TOffice;
  maxNegotiationRounds: number;
  logger: Logger;
  /** Where the public verification pages live (printed in QR codes); previews fall back to localhost. */
  publicUrl?: string;
  /** Rate limits and the passphrase throttle; the configuration's defaults when left out. */
  limits?: TApiLimits;
  /** The Temporal Web UI's origin, allowed to call /codec/decode and /codec/encode from a browser (CORS); unset: none. */
  codecCorsOrigin?: string;
  /** The Bearer token /metrics requires (SAHKAN_METRICS_TOKEN); unset: /metrics answers only local scrapers. */
  metricsToken?: string;
}

/** The defaults of config/env.ts (an empty environment), for apps built without explicit limits. */
export const DEFAULT_API_LIMITS: TApiLimits = apiLimitsOf(loadConfig({}));
