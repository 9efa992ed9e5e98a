import { databaseConfig, loadConfig, loadConfigOrExit } from '@keta/config';
import { UserEntity, createDataSource, migrate } from '@keta/db';
import { newUserSchema } from '@keta/domain';
import { describeIssues, toFieldIssues } from '@keta/errors';
import { parseArgs } from 'node:util';
import { createUser, lockAdmins } from '../users/create-user';

const USAGE = 'Usage: pnpm admin:create --email EMAIL --name "DISPLAY NAME"   (password on stdin or in KETA_ADMIN_PASSWORD)';

/** Creates the clinic's first admin. Once an admin exists, admins manage users through the API. */
async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig(databaseConfig));
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
  const password = process.env.KETA_ADMIN_PASSWORD ?? (await readStdin()).split('\n')[0];
  const input = newUserSchema.safeParse({ email: values.email, displayName: values.name, role: 'admin', password });
  if (!input.success) return fail(`${describeIssues(toFieldIssues(input.error.issues))}\n${USAGE}`);
  await migrate(config.DATABASE_URL);
  const db = await createDataSource({ url: config.DATABASE_URL, poolSize: 1 }).initialize();
  try {
    const created = await db.transaction(async (tx) => {
      await lockAdmins(tx);
      if (await tx.getRepository(UserEntity).existsBy({ role: 'admin' })) return undefined;
      return createUser(tx, input.data);
    });
    if (!created) return fail('An admin already exists: sign in as an admin and add users through the API.');
    process.stdout.write(`Created admin ${created.id}\n`);
  } finally {
    await db.destroy();
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  let text = '';
  for await (const chunk of process.stdin) text += String(chunk);
  return text;
}

function fail(message: string): void {
  process.stderr.write(`${message}\n`);
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`Creating the admin failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
