import { permitNumberScope } from './permit.numbering';
import type { TCaseKindModule } from '../kind-module';
import { permitFactsFromFields, PERMIT_LEGACY_FACT_KEYS, ZPermitFactsSchema, type TPermitFacts } from './permit.facts';

/**
 * Permits: the permit type (templates/permit-types/<id>.json, domain/case-type.schema.ts) is the case type as
 * it is; review stages, then the certificate's signature. Numbers: permit.numbering.ts (permitNumberScope,
 * the layout's numberTemplate); document: the certificate layout in templates/certificates/<id>.json.
 */
export const permitKind = {
  kind: 'permit',
  workflowType: 'permitWorkflow',
  factsSchema: ZPermitFactsSchema,
  factsFromFields: permitFactsFromFields,
  legacyFactKeys: PERMIT_LEGACY_FACT_KEYS,
  phases: ['review', 'signature', 'issued'],
  numbering: { step: 'certificate-number', scope: ({ typeCode, year }) => permitNumberScope(typeCode, year) },
  document: { spec: 'certificate', templates: 'templates/certificates' },
} as const satisfies TCaseKindModule<'permit', TPermitFacts>;
