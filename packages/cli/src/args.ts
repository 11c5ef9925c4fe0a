// A small, strict option parser: unknown options are errors, as everywhere else in Leitai.
export interface Parsed {
  options: Record<string, string | true>;
  positional: string[];
}

export function parseArgs(argv: string[], withValue: readonly string[], flags: readonly string[]): Parsed | string {
  const options: Record<string, string | true> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (!a.startsWith('--')) {
      positional.push(a);
      continue;
    }
    const eq = a.indexOf('=');
    const name = eq > 0 ? a.slice(2, eq) : a.slice(2);
    if (withValue.includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined) return `option --${name} needs a value`;
      options[name] = v;
    } else if (flags.includes(name)) {
      options[name] = true;
    } else {
      return `unknown option --${name}`;
    }
  }
  return { options, positional };
}
