// `npm run pki -- <command>`: the office PKI from the command line.
//   issue <user>            issue a signer certificate (passphrase read from standard input)
//   revoke <serial> [why]   revoke a signer certificate and republish the CRL
//   list                    list signer certificates
//   crl                     republish the CRL
import { loadOffice } from '../store/certificate-layouts';
import path from 'node:path';
import readline from 'node:readline';
import { loadDevUsers } from '../config/dev-users';
import { loadConfig } from '../config/env';
import { loadPkiKey } from '../config/secrets';
import { openRecords } from '../store/records';
import type { Records } from '../store/records';
import { issueSigner, loadOrCreateOfficeCa, publishOfficeCrl } from '../worker/office-pki';

const USAGE = 'usage: npm run pki -- issue <user> | revoke <serial> [reason] | list | crl';

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

async function main(): Promise<void> {
  const [command, arg, ...rest] = process.argv.slice(2);
  const config = loadConfig();
  const pkiDir = path.join(config.dataDir, 'pki');
  const records = await openRecords(config.recordsLocation, { pkiKey: loadPkiKey(config) });
  try {
    switch (command) {
      case 'issue': {
        const user = loadDevUsers().find((u) => u.id === arg);
        if (!user) throw new Error(`unknown user "${arg ?? ''}"\n${USAGE}`);
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
