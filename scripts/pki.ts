// `npm run pki -- <command>`: the office PKI from the command line.
//   issue <user> [--name <name on the certificate>] [--email <address>]
//                           issue a signer certificate (passphrase read from standard input); the name and
//                           address are required in production, elsewhere a development user's are the default
//   revoke <serial> [why]   revoke a signer certificate and republish the CRL
//   list                    list signer certificates
//   crl                     republish the CRL
import { loadOffice } from '../store/certificate-layouts';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { loadDevUsers } from '../config/dev-users';
import { loadConfig } from '../config/env';
import { loadPkiKey } from '../config/secrets';
import { openRecords } from '../store/records';
import type { Records } from '../store/records';
import { issueSigner, loadOrCreateOfficeCa, publishOfficeCrl, type TSignerUser } from '../worker/office-pki';

const USAGE = 'usage: npm run pki -- issue <user> [--name <name>] [--email <address>] | revoke <serial> [reason] | list | crl';

async function readPassphrase(): Promise<string> {
  if (process.stdin.isTTY) process.stdout.write('passphrase for the new key (it is not echoed back anywhere else): ');
  const rl = readline.createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line.trim();
  }
  return '';
}

/** Publishes the CRL of every revoked signer certificate into the records database, where the API reads it. */
const publishCrl = async (records: Records, pkiDir: string): Promise<void> => {
  await publishOfficeCrl(records, await loadOrCreateOfficeCa(records, pkiDir, loadOffice()));
};

/**
 * Who the certificate names: the user id with `--name` and `--email`, as an office enrols its officials; outside
 * production a development user's name and address are the default (config/dev-users.json is never read in production).
 */
function signerOf(userId: string | undefined, args: string[], production: boolean): TSignerUser {
  if (!userId || userId.startsWith('-')) throw new Error(USAGE);
  const { values } = parseArgs({ args, options: { name: { type: 'string' }, email: { type: 'string' } }, strict: true });
  const known = production ? undefined : loadDevUsers().find((u) => u.id === userId);
  const name = values.name?.trim() || known?.name;
  const email = values.email?.trim() || known?.email;
  if (!name || !email) throw new Error(`give the signer's --name and --email${production ? '' : ` (no development user "${userId}")`}\n${USAGE}`);
  if (!/^[^\s@]+@[^\s@]+$/.test(email)) throw new Error(`--email: "${email}" is not an e-mail address`);
  return { id: userId, name, email };
}

async function main(): Promise<void> {
  const [command, arg, ...rest] = process.argv.slice(2);
  const config = loadConfig();
  const pkiDir = path.join(config.dataDir, 'pki');
  const records = await openRecords(config.recordsLocation, { pkiKey: loadPkiKey(config) });
  try {
    switch (command) {
      case 'issue': {
        const user = signerOf(arg, rest, config.NODE_ENV === 'production');
        const passphrase = await readPassphrase();
        if (passphrase.length < 8) throw new Error('the passphrase must be at least 8 characters');
        const cert = await issueSigner(records, await loadOrCreateOfficeCa(records, pkiDir, loadOffice()), user, passphrase);
        console.log(`issued certificate ${cert.serial} to ${user.id} (${cert.commonName}), valid until ${cert.notAfter}`);
        break;
      }
      case 'revoke': {
        if (!arg) throw new Error(USAGE);
        if (!(await records.signers.revoke(arg.toLowerCase(), rest.join(' ') || 'unspecified'))) throw new Error(`no certificate with serial ${arg}`);
        await publishCrl(records, pkiDir);
        console.log(`revoked ${arg}; CRL republished`);
        break;
      }
      case 'list':
        for (const c of await records.signers.list()) {
          console.log(`${c.serial}  ${c.userId.padEnd(10)} ${c.revokedAt ? `REVOKED ${c.revokedAt}` : `valid until ${c.notAfter}`}  ${c.commonName}`);
        }
        break;
      case 'crl':
        await publishCrl(records, pkiDir);
        console.log('CRL republished');
        break;
      default:
        throw new Error(USAGE);
    }
  } finally {
    await records.close();
  }
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
