import { expect } from 'chai';
import { parseCrlSerials } from '../../documents/signing/pki';
import { harness } from '../harness/harness';

describe('public PKI files from the first start (issue 8 finding 6)', () => {
  it('serves the office root and a CRL signed by it without any revocation having happened first', async () => {
    const ca = await harness().http().get('/api/v1/public/ca.pem');
    expect(ca.status).to.equal(200);
    const crl = await harness().http().get('/api/v1/public/crl.pem');
    expect(crl.status, JSON.stringify(crl.body)).to.equal(200);
    expect(crl.headers['content-type']).to.match(/^application\/x-pem-file/);
    expect(() => parseCrlSerials(crl.text, ca.text)).not.to.throw();
  });
});
