import fs from 'node:fs';
import { z } from 'zod';
import { ZRoleSchema } from '../domain/case-type.schema';
import { projectFile } from '../project-root';

/** Seeded development users (tokens for local use and tests); not an identity store. */
export const DEV_USERS_FILE = projectFile('config', 'dev-users.json');

export const ZDevUserSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9.-]*$/, 'user ids are lower-case slugs'),
  name: z.string().min(1),
  email: z.email(),
  roles: z.array(ZRoleSchema).min(1),
});
export type TDevUser = z.infer<typeof ZDevUserSchema>;

const ZDevUsersFileSchema = z
  .object({ users: z.array(ZDevUserSchema).min(1) })
  .superRefine(({ users }, ctx) => {
    for (const key of ['id', 'email'] as const) {
      const seen = new Set<string>();
      users.forEach((u, i) => {
        if (seen.has(u[key])) ctx.addIssue({ code: 'custom', path: ['users', i, key], message: `duplicate ${key} "${u[key]}"` });
        seen.add(u[key]);
      });
    }
  });

/** The development users, validated; throws naming the file and the path inside it. */
export function loadDevUsers(file: string = DEV_USERS_FILE): TDevUser[] {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
  const parsed = ZDevUsersFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${file}: ${i.path.join('.') || '(root)'}: ${i.message}`).join('\n'));
  }
  return parsed.data.users;
}
