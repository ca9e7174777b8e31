import { expect } from 'chai';
import { loadConfig } from '../../config/env';

describe('config/env', () => {
  it('leaves development users off unless SAHKAN_DEV_USERS=true (a production configuration never seeds signers)', () => {
    expect(loadConfig({}).SAHKAN_DEV_USERS).to.equal(false);
    expect(loadConfig({ SAHKAN_DEV_USERS: 'false' }).SAHKAN_DEV_USERS).to.equal(false);
    expect(loadConfig({ SAHKAN_DEV_USERS: 'true' }).SAHKAN_DEV_USERS).to.equal(true);
  });

  it('names SAHKAN_DEV_USERS when its value is neither true nor false', () => {
    expect(() => loadConfig({ SAHKAN_DEV_USERS: 'yes' })).to.throw(/SAHKAN_DEV_USERS: must be true or false/);
  });
});
