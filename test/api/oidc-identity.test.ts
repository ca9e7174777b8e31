import { expect } from 'chai';
import { claimAt, identityFromClaims, knownRolesIn } from '../../api/oidc-identity';

describe('identity from the identity provider claims (api/oidc-identity.ts)', () => {
  const settings = { rolesClaim: 'roles', userClaim: 'sub' };

  it('reads a claim by name or by dotted path (Keycloak keeps realm roles in realm_access.roles)', () => {
    const claims = { sub: 'u1', realm_access: { roles: ['applicant'] }, 'https://example.go.id/roles': ['admin'] };
    expect(claimAt(claims, 'realm_access.roles')).to.deep.equal(['applicant']);
    expect(claimAt(claims, 'https://example.go.id/roles')).to.deep.equal(['admin']);
    expect(claimAt(claims, 'realm_access.roles.0')).to.equal(undefined);
    expect(claimAt(claims, 'missing.path')).to.equal(undefined);
  });

  it("keeps only Sahkan's role strings, from an array or a space-separated string", () => {
    expect(knownRolesIn(['applicant', 'offline_access', 'reviewer:dinas-pupr', 'Reviewer', 42, 'applicant'])).to.deep.equal(['applicant', 'reviewer:dinas-pupr']);
    expect(knownRolesIn('admin uma_authorization')).to.deep.equal(['admin']);
    expect(knownRolesIn(undefined)).to.deep.equal([]);
  });

  it('names the person by name, else preferred_username, else the user id', () => {
    expect(identityFromClaims({ sub: 'u1', name: 'Siti', preferred_username: 'siti', roles: ['applicant'] }, settings).name).to.equal('Siti');
    expect(identityFromClaims({ sub: 'u1', preferred_username: 'siti', roles: ['applicant'] }, settings).name).to.equal('siti');
    expect(identityFromClaims({ sub: 'u1', name: ' ', roles: ['applicant'] }, settings)).to.deep.equal({ userId: 'u1', roles: ['applicant'], name: 'u1' });
    expect(identityFromClaims({ sub: 'x', nip: '1987', roles: ['applicant'] }, { ...settings, userClaim: 'nip' }).userId).to.equal('1987');
  });

  it('refuses a token without a user id or without any of our roles, naming the claim', () => {
    expect(() => identityFromClaims({ sub: 'u1', roles: ['staff'] }, settings)).to.throw(/roles: none of Sahkan's roles/);
    expect(() => identityFromClaims({ sub: 'u1', roles: ['applicant'] }, { ...settings, userClaim: 'nip' })).to.throw(/nip: no user id/);
  });
});
