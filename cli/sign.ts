import type { DigestName } from '../lib/crypto/digest';
import type { WriteOptions } from '../lib/formats/format';
import { FORMATS, writeCookie } from '../lib/formats/registry';
import type { FormatId, Secret } from '../lib/types';
import { UsageError, type SignArgs } from './args';
import { printableJson, renderLines } from './human';
import { readSecrets } from './inputs';
import type { CliIo } from './io';

/** The formats `sign` writes: those with a writer, in the registry's order. */
const SIGNABLE: readonly FormatId[] = FORMATS.filter((format) => format.write).map((format) => format.id);

/** Writes the cookies that carry the payload and prints them, one `name=value` line each (or `--json`). */
export async function sign(args: SignArgs, io: CliIo): Promise<number> {
  const format = signableFormat(args.format);
  const options: WriteOptions = {
    ...(args.name !== undefined ? { name: args.name } : {}),
    ...(args.salt !== undefined ? { salt: args.salt } : {}),
    ...(args.issuedAt !== undefined ? { issuedAt: args.issuedAt } : {}),
    ...(args.alg !== undefined ? algOption(format, args.alg) : {}),
  };
  const secret = await signingSecret(args, format === 'jwt' && args.alg === 'none', io);
  const payload = parsePayload(args.payload === '-' ? await io.readStdin() : args.payload);
  const result = await writeCookie(format, payload, secret, options);
  if (!result.ok) {
    if (result.problem.code === 'cannot-write') throw new UsageError(`cannot sign ${format}: ${result.problem.message}`);
    throw new Error(result.problem.message);
  }
  if (args.json) io.out(`${printableJson({ format, cookies: result.cookies })}\n`);
  else io.out(`${renderLines(result.cookies.map(({ name, value }) => [name, '=', value]), false)}\n`);
  return 0;
}

function signableFormat(id: string): FormatId {
  const signable = SIGNABLE.find((format) => format === id);
  if (signable) return signable;
  const known = FORMATS.some((format) => format.id === id);
  const why = known ? `${id} cookies are read, not signed` : `unknown format ${JSON.stringify(id)}`;
  throw new UsageError(`${why}: sign writes ${SIGNABLE.join(', ')}`);
}

/** `--alg` is what each format lets the app choose about its algorithm; the writer refuses a value it cannot use. */
function algOption(format: FormatId, alg: string): WriteOptions {
  switch (format) {
    case 'jwt':
      return { alg };
    case 'express-cookie-session':
    case 'koa-session':
    case 'rack-session':
    case 'tornado':
      return { digest: alg as DigestName };
    case 'rails-signed':
    case 'rails-encrypted':
      return { kdfDigest: alg as DigestName };
    case 'laravel-encrypted':
      return { cipher: alg };
    default:
      throw new UsageError(`--alg is for jwt, express-cookie-session, koa-session, rack-session, tornado, rails-signed, rails-encrypted and laravel-encrypted, not ${format}`);
  }
}

/** Exactly one key, from exactly one source; an unsigned JWT (`--alg none`) takes none. */
async function signingSecret(args: SignArgs, unsigned: boolean, io: CliIo): Promise<Secret> {
  const sources = args.secrets.length + args.secretEnvs.length + args.secretFiles.length;
  if (unsigned) {
    if (sources > 0) throw new UsageError('--alg none writes an unsigned token: give no secret');
    return '';
  }
  if (sources !== 1) throw new UsageError(`sign needs exactly one of --secret, --secret-env, --secret-file (got ${sources})`);
  const keys = await readSecrets(args, io);
  if (keys.length !== 1) throw new UsageError(`--secret-file ${args.secretFiles[0]} holds ${keys.length} keys: sign takes a file with one`);
  return keys[0]!;
}

/**
 * The payload as decode --json prints it. JSON.parse's own message says where the text stops being JSON; how deep
 * the value may nest is the writer's check, as for any payload.
 */
function parsePayload(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`PAYLOAD is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}
