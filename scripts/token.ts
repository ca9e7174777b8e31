// `npm run token -- <user>`: prints a development Bearer token for a seeded user (config/dev-users.json).
import { signToken } from '../api/auth';
import { loadJwtSecret } from '../config/secrets';
import { loadConfig } from '../config/env';
import { loadDevUsers } from '../config/dev-users';

async function main(): Promise<void> {
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

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
