import { expect } from 'chai';
import { mostSevere, REVIEW_OUTCOMES } from '../../domain/outcome';
import type { TReviewOutcome } from '../../domain/outcome';

describe('stage outcome rules', () => {
  it('orders outcomes from most to least severe', () => {
    expect(REVIEW_OUTCOMES).to.deep.equal(['reject', 'request_changes', 'approve']);
  });

  it('approves a stage only when every reviewer approves', () => {
    expect(mostSevere(['approve'])).to.equal('approve');
    expect(mostSevere(['approve', 'approve', 'approve'])).to.equal('approve');
  });

  it('takes the most severe decision, whatever the order reviewers decided in', () => {
    const cases: Array<[TReviewOutcome[], TReviewOutcome]> = [
      [['approve', 'request_changes'], 'request_changes'],
      [['request_changes', 'approve'], 'request_changes'],
      [['approve', 'reject'], 'reject'],
      [['reject', 'request_changes', 'approve'], 'reject'],
      [['request_changes', 'reject'], 'reject'],
      [['request_changes', 'request_changes'], 'request_changes'],
    ];
    for (const [outcomes, expected] of cases) expect(mostSevere(outcomes), outcomes.join(',')).to.equal(expected);
  });

  it('refuses a stage outcome without any decision', () => {
    expect(() => mostSevere([])).to.throw(RangeError);
  });
});
