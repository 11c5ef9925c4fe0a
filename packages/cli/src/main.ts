// The `leitai` command. Each subcommand lives in its own file.
import { evaluateCommand, type Io } from './evaluate.ts';

const HELP = `leitai — performance competitions, computed exactly

commands:
  evaluate --spec SPEC --data DATA [--period P|all] [--format json|table] [--explain]
  start                     start the application (same as npm start)
  audit verify              check the audit log's hash chain (DATABASE_URL or the embedded database)
  backup [FILE]             write the whole database to one file (also while the server runs)
  restore FILE              restore a backup into a fresh DATA_DIR (or an empty DATABASE_URL database)
`;

const stdio: Io = {
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s.endsWith('\n') ? s : s + '\n'),
};

export async function main(argv: string[], io: Io = stdio): Promise<number> {
  const [cmd, ...rest] = argv;
  switch (cmd) {
    case 'evaluate':
      return evaluateCommand(rest, io);
    case 'start': {
      const { startCommand } = await import('./start.ts');
      return startCommand(rest, io);
    }
    case 'audit': {
      const { auditCommand } = await import('./audit.ts');
      return auditCommand(rest, io);
    }
    case 'backup': {
      const { backupCommand } = await import('./backup.ts');
      return backupCommand(rest, io);
    }
    case 'restore': {
      const { restoreCommand } = await import('./backup.ts');
      return restoreCommand(rest, io);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(HELP);
      return cmd === undefined ? 2 : 0;
    default:
      io.err(`unknown command "${cmd}"\n${HELP}`);
      return 2;
  }
}
