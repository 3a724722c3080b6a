import { decodeCookies } from '../lib/decode/decode';
import type { SessionReport } from '../lib/types';
import { parseDecodeArgs, parseScanArgs, parseSignArgs, USAGE, UsageError, type DecodeArgs } from './args';
import { printableJson, renderLines, reportLines } from './human';
import { readCookies, readSecrets } from './inputs';
import type { CliIo } from './io';
import { scan } from './scan';
import { sign } from './sign';

/** Runs the CLI; returns the exit code (0 ran, 2 usage error). */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if ((command === 'decode' || command === 'scan' || command === 'sign') && (rest.includes('--help') || rest.includes('-h'))) {
      io.out(`${USAGE}\n`);
      return 0;
    }
    if (command === 'decode') return await decode(parseDecodeArgs(rest), io);
    if (command === 'scan') return await scan(parseScanArgs(rest), io);
    if (command === 'sign') return await sign(parseSignArgs(rest), io);
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.out(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    throw new UsageError(`unknown command ${JSON.stringify(command)} (try: session-lens decode --help)`);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${renderLines([[`session-lens: ${error.message}`]], false)}\n`);
    return 2;
  }
}

async function decode(args: DecodeArgs, io: CliIo): Promise<number> {
  const now = args.now ?? io.now();
  const secrets = await readSecrets(args, io);
  const cookies = await readCookies(args.cookies, io, now);
  const reports = await decodeCookies(cookies, {
    secrets,
    now,
    ...(args.salt !== undefined ? { salt: args.salt } : {}),
    ...(args.maxAge !== undefined ? { maxAge: args.maxAge } : {}),
  });
  if (args.json) io.out(`${printableJson(reports.map(toJson))}\n`);
  else io.out(`${reports.map((report) => renderLines(reportLines(report, now), io.colour)).join('\n\n')}\n`);
  return 0;
}

/** The CLI's JSON contract (see README): stable field names, extended but never renamed. */
function toJson(report: SessionReport) {
  return {
    name: report.name,
    format: report.format,
    label: report.label,
    isSession: report.isSession,
    payload: report.payload,
    issuedAt: report.issuedAt,
    expiresAt: report.expiresAt,
    expired: report.expired,
    cookieExpiresAt: report.cookieExpiresAt,
    signature: report.signature,
    warnings: report.warnings,
    warningCodes: report.warningCodes,
    facts: report.facts,
    ...(report.problem !== undefined ? { error: report.error, problem: report.problem } : {}),
  };
}
