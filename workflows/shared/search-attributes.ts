import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common';

/** Custom search attributes for operators in the Temporal Web UI; the inbox and lists read the store. */
export const SA_CASE_KIND = defineSearchAttributeKey('SahkanCaseKind', SearchAttributeType.KEYWORD);
export const SA_TYPE_ID = defineSearchAttributeKey('SahkanTypeId', SearchAttributeType.KEYWORD);
export const SA_STATUS = defineSearchAttributeKey('SahkanStatus', SearchAttributeType.KEYWORD);
export const SA_STAGE_ID = defineSearchAttributeKey('SahkanStageId', SearchAttributeType.KEYWORD);
export const SA_REGISTRATION_NUMBER = defineSearchAttributeKey('SahkanRegistrationNumber', SearchAttributeType.KEYWORD);

export const SEARCH_ATTRIBUTE_KEYS = [SA_CASE_KIND, SA_TYPE_ID, SA_STATUS, SA_STAGE_ID, SA_REGISTRATION_NUMBER];
