// `npm run token -- <user>`: prints a development Bearer token for a seeded user (config/dev-users.json).
import { signToken } from '../api/auth';
import { loadJwtSecret } from '../config/secrets';
import { loadConfig } from '../config/env';
import { loadDevUsers } from '../config/dev-users';

/**
 * Why the script will not run here, or null. With NODE_ENV=production there are no development users (config/env.ts
 * refuses them), and a token signed with the production secret for a seeded id would let anyone in as that user:
 * asked before the configuration is read, so the refusal is this one and not a missing production setting.
 */
export function tokenRefusal(env: NodeJS.ProcessEnv): string | null {
  return env.NODE_ENV === 'production'
    ? 'npm run token makes development tokens and refuses to run with NODE_ENV=production; production users sign in through the identity provider'
    : null;
}

async function main(): Promise<void> {
  const refusal = tokenRefusal(process.env);
  if (refusal) {
    console.error(refusal);
    process.exit(1);
  }
  const userId = process.argv[2];
  const users = loadDevUsers();
  const user = users.find((u) => u.id === userId);
  if (!user) {
    console.error(`usage: npm run token -- <user>\nseeded users:\n${users.map((u) => `  ${u.id.padEnd(10)} ${u.roles.join(', ')}  (${u.name})`).join('\n')}`);
    process.exit(2);
  }
  const token = await signToken(loadJwtSecret(loadConfig()), user);
  console.log(token);
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
