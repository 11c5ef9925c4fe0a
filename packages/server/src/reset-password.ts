// Sets a user's password from the command line (the server should be stopped when it uses the
// embedded database, which only one process can run):
//   npm run reset-password -w @leitai/server -- admin [new-password]
import { hashPassword, randomPassword } from './auth/password.ts';
import { describeProblems, passwordProblems } from './auth/password-policy.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/client.ts';
import { provisionDatabase } from './db/provision.ts';
import { setPasswordHash } from './repositories/users.ts';

async function main(): Promise<number> {
  const [username, given] = process.argv.slice(2);
  if (!username) {
    console.error('usage: reset-password <username> [new-password]');
    return 2;
  }
  const cfg = loadConfig();
  const db = await provisionDatabase({ databaseUrl: cfg.DATABASE_URL, dataDir: cfg.DATA_DIR, log: () => {} });
  const database = openDatabase(db.url, 1);
  try {
    const password = given ?? randomPassword();
    const problems = passwordProblems(password, username);
    if (problems.length > 0) {
      console.error(describeProblems(problems).en);
      return 2;
    }
    // a password set for someone is theirs to replace at their next sign-in
    if (!(await setPasswordHash(database.db, username, await hashPassword(password), true))) {
      console.error(`no user "${username}"`);
      return 1;
    }
    console.log(`${username}: ${password}  (to be changed at the next sign-in)`);
    return 0;
  } finally {
    await database.close();
    await db.embedded?.stop();
  }
}

main().then((code) => process.exit(code), (e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
