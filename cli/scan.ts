import { open, type FileHandle } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { displaySecret } from '../lib/display/python-literal';
import { describeConfig } from '../lib/crypto/hmac-check';
import { loadScanWasm } from '../lib/scan/engine-wasm';
import { createScanner } from '../lib/scan/scanner';
import { findScanTarget, scanTarget, type ChecksScan } from '../lib/scan/target';
import { MAX_LINE_BYTES, readWordlist, type WordlistReader } from '../lib/scan/wordlist';
import { UsageError, type ScanArgs } from './args';
import { paint, printableJson, renderLines, type Line } from './human';
import { createNodeScanPool } from './scan-node';
import type { CliIo } from './io';
import { readCookies } from './inputs';

/**
 * Starting a worker thread (bundle load, WebAssembly compile) costs about as much as testing 200,000
 * candidates on one thread: some 6 MB of a list like Flask-Unsign's (33 bytes a line). Smaller lists
 * finish sooner without workers.
 */
const BYTES_PER_THREAD = 6_000_000;

/** `session-lens scan`: tries every wordlist entry as the cookie's secret key, on every core a list this size can use. */
export async function scan(args: ScanArgs, io: CliIo): Promise<number> {
  const file = await openWordlist(args.wordlist);
  try {
    return await scanFile(args, io, file);
  } finally {
    await file.close();
  }
}

async function scanFile(args: ScanArgs, io: CliIo, file: FileHandle): Promise<number> {
  const cookies = await readCookies(args.cookies, io);
  const target = findScanTarget(cookies, args.salt !== undefined ? { salt: args.salt } : {});
  if (!target) throw new UsageError(`nothing to scan: none of the ${cookies.length} cookie(s) carries an HMAC signature made with a secret key`);
  const { size } = await file.stat();
  const threads = args.threads ?? Math.max(1, Math.min(availableParallelism(), Math.ceil(size / BYTES_PER_THREAD)));
  // Each pass reads the file again, a chunk at a time: memory does not grow with the list.
  let reader: WordlistReader | null = null;
  const list = () => (reader = readWordlist(file.createReadStream({ start: 0, autoClose: false }), size));
  const result = await scanTarget(target, list, scanner(threads, io));
  const { entries, skippedLines } = reader!.counts;
  const rate = result.seconds > 0 ? Math.round(result.attempts / result.seconds) : result.attempts;
  const secret = result.secret === undefined ? null : displaySecret(result.secret);
  if (args.json) {
    io.out(
      `${printableJson(
        {
          found: result.found,
          secret,
          attempts: result.attempts,
          seconds: Number(result.seconds.toFixed(4)),
          rate,
          name: target.name,
          format: result.check?.reportsAs?.format ?? target.format,
          ...(result.check ? { config: result.check.config } : {}),
          threads,
          candidates: entries,
          skippedLines,
        },
      )}\n`,
    );
    return 0;
  }
  const skipped = skippedLines > 0 ? `; ${skippedLines} line${skippedLines === 1 ? '' : 's'} over ${MAX_LINE_BYTES} bytes skipped` : '';
  const verdict: Line[] =
    secret === null
      ? [[`No entry of ${args.wordlist} is the secret key of ${target.name} (${target.label}): ${entries} entr${entries === 1 ? 'y' : 'ies'} tried${skipped}.`]]
      : [[paint('red', 'bold')(`Found the secret key of ${target.name} (${target.label}): ${JSON.stringify(secret)}`)], [`  ${describeConfig(result.check!.config)}`]];
  const effort = `  ${result.attempts} attempts in ${result.seconds.toFixed(3)} s (${rate.toLocaleString('en-US')} attempts/s, ${threads} thread${threads === 1 ? '' : 's'})`;
  io.out(`${renderLines([...verdict, [effort]], io.colour)}\n`);
  return 0;
}

async function openWordlist(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    throw new UsageError(`cannot read --wordlist ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
  }
}

/** On this thread, or on a pool of worker threads made for this one scan. */
function scanner(threads: number, io: CliIo): ChecksScan {
  if (threads === 1 || !io.scanWorkerEntry) {
    return async (checks, candidates) => {
      await loadScanWasm();
      return createScanner(checks).scan(candidates);
    };
  }
  const entry = io.scanWorkerEntry;
  return async (checks, candidates) => {
    const pool = createNodeScanPool({ size: threads, entry });
    try {
      return await pool.scan(checks, candidates);
    } finally {
      pool.close();
    }
  };
}
