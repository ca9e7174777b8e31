import path from 'node:path';
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

  it('opens the records in SQLite under the data folder unless SAHKAN_DATABASE_URL names a PostgreSQL database', () => {
    expect(loadConfig({ SAHKAN_DATA_DIR: '/srv/sahkan' }).recordsLocation).to.equal(path.join('/srv/sahkan', 'records.db'));
    const url = 'postgres://sahkan:secret@db.internal:5432/sahkan';
    expect(loadConfig({ SAHKAN_DATABASE_URL: url }).recordsLocation).to.equal(url);
    expect(() => loadConfig({ SAHKAN_DATABASE_URL: 'mysql://db/sahkan' })).to.throw(/SAHKAN_DATABASE_URL: must be a postgres:\/\/… or postgresql:\/\/… URL/);
  });
});
