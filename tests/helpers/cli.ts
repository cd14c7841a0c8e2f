import { spawnSync } from 'node:child_process';

/** Exit code and output of one run of the analyze command. */
export interface CliRun {
  code: number | null;
  out: string;
  err: string;
}

/** The analyze command's argv, run exactly as `npm run analyze` runs it (node with tsx). */
export const CLI_ARGV = ['--import', 'tsx', 'src/cli/analyze.ts'];

/** Runs the analyze command and returns exit code, stdout and stderr; `env` adds to the environment. */
export function analyze(args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [...CLI_ARGV, ...args], {
    encoding: 'utf8', timeout: 240_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, ...env },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
