import fs from 'node:fs';
import path from 'node:path';
import type { Payload, PayloadCodec } from '@temporalio/common';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { caseWorkflowId } from '../../workflows/shared/case.messages';
import { harness } from '../harness/harness';
import { SCENARIOS } from './scenarios';

const isPayload = (node: object): node is Payload =>
  'metadata' in node && 'data' in node && (node as Payload).metadata?.encoding instanceof Uint8Array;

/**
 * Every payload of a history, at any depth, through the codecs' decode: recordings are the decoded form, so they
 * replay without the key of the run that recorded them.
 */
async function decodeEverywhere(node: unknown, codecs: PayloadCodec[]): Promise<unknown> {
  if (!node || typeof node !== 'object' || node instanceof Uint8Array) return node;
  if (isPayload(node)) {
    let payloads = [node];
    for (const codec of [...codecs].reverse()) payloads = await codec.decode(payloads);
    return payloads[0];
  }
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = await decodeEverywhere(record[key], codecs);
  return node;
}

/**
 * `npm run histories:record`: runs each scenario that has no recorded history yet on the real server and saves
 * its history. Existing recordings are kept: they are the histories from before later changes, which replay
 * must keep accepting (delete a file on purpose to record it anew).
 */
describe('record workflow histories', () => {
  const missing = Object.entries(SCENARIOS).filter(([name]) => !fs.existsSync(path.join(__dirname, 'histories', `${name}.json`)));
  for (const [name, run] of missing) {
    it(name, async () => {
      // The history as it stands once the scenario's last update answered (a contract's workflow stays open).
      const { caseId, kind } = await run();
      const history = await harness().client.workflow.getHandle(caseWorkflowId(kind, caseId)).fetchHistory();
      await decodeEverywhere(history, harness().dataConverter.payloadCodecs ?? []);
      fs.writeFileSync(path.join(__dirname, 'histories', `${name}.json`), historyToJSON(history));
    });
  }
});
