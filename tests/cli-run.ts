import { join } from 'node:path';
import { main } from '../cli/session-lens';

/** The installed bin, for the tests that run the CLI as a process. */
export const BIN = join(import.meta.dirname, '../bin/session-lens.mjs');

/** The clock every in-process CLI run sees (`--now` overrides it). */
export const CLI_NOW = 1_800_000_000;

export interface RunResult {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI in this process with stdin and environment given, colour off, as a terminal would see it. */
export async function runCli(argv: string[], stdin = '', env: Record<string, string> = {}): Promise<RunResult> {
  let out = '';
  let err = '';
  const code = await main(argv, {
    out: (text) => (out += text),
    err: (text) => (err += text),
    readStdin: async () => stdin,
    env,
    colour: false,
    now: () => CLI_NOW,
  });
  return { code, out, err };
}
