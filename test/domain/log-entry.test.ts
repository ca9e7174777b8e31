import { expect } from 'chai';
import { canonicalJson, logEntryBytes, treeHeadBytes, type TLogEntry } from '../../domain/transparency/log-entry';

const entry: TLogEntry = { seq: 3, key: 'case-event:c1:2', at: '2026-12-02T01:02:03.000Z', kind: 'case-event', action: 'approve', actor: 'u-1', subjects: { caseId: 'c1' }, contentSha256: 'ab'.repeat(32) };
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('transparency log entries: canonical JSON (RFC 8785)', () => {
  it('sorts keys at every depth and writes numbers and strings in their one JCS form', () => {
    expect(canonicalJson({ b: 1, a: { d: [1e21, 0.5, -0], c: 'é\u2028' } })).to.equal('{"a":{"c":"é\u2028","d":[1e+21,0.5,0]},"b":1}');
  });

  it('gives an entry one leaf input whatever order its fields were written in', () => {
    const reordered = { contentSha256: entry.contentSha256, subjects: entry.subjects, actor: entry.actor, action: entry.action, kind: entry.kind, at: entry.at, key: entry.key, seq: entry.seq };
    expect(text(logEntryBytes(reordered))).to.equal(text(logEntryBytes(entry)));
    expect(text(logEntryBytes(entry))).to.equal(
      `{"action":"approve","actor":"u-1","at":"2026-12-02T01:02:03.000Z","contentSha256":"${'ab'.repeat(32)}","key":"case-event:c1:2","kind":"case-event","seq":3,"subjects":{"caseId":"c1"}}`,
    );
  });

  it('signs only the three fields of a tree head', () => {
    const head = { treeSize: 8, rootHash: 'aa', timestamp: '2026-12-02T00:00:00.000Z', signature: 'x' } as never;
    expect(text(treeHeadBytes(head))).to.equal('{"rootHash":"aa","timestamp":"2026-12-02T00:00:00.000Z","treeSize":8}');
  });
});
