import type { SessionReport, SignatureStatus, TypedValue } from '../lib/types';
import { isoTime, outOfRangeText, relativeTime } from '../lib/display/time';
import { escapeHidden } from '../lib/display/visible-text';
import { explainKey } from '../lib/display/well-known-keys';

type Colour = 'bold' | 'dim' | 'green' | 'red' | 'yellow';

/** Part of a line of output, plain or coloured. */
type Piece = string | { text: string; colours: readonly Colour[] };
export type Line = readonly Piece[];

const ANSI: Record<Colour, string> = { bold: '1', dim: '2', green: '32', red: '31', yellow: '33' };

export const paint =
  (...colours: Colour[]) =>
  (text: string): Piece => ({ text, colours });
const bold = paint('bold');
const dim = paint('dim');
const red = paint('red');
const yellow = paint('yellow');

/**
 * The one way text reaches the terminal: every piece, ours or the cookie's, is escaped first (controls, C1, bidi
 * and invisible characters as \uXXXX, lib/display/visible-text.ts), so nothing a site sets can drive the terminal or
 * reorder a line; colour codes are added after that, only when `colour`.
 */
export function renderLines(lines: readonly Line[], colour: boolean): string {
  return lines.map((line) => line.map((piece) => renderPiece(piece, colour)).join('')).join('\n');
}

function renderPiece(piece: Piece, colour: boolean): string {
  if (typeof piece === 'string') return escapeHidden(piece, { oneLine: true });
  const text = escapeHidden(piece.text, { oneLine: true });
  return colour ? `\u001b[${piece.colours.map((name) => ANSI[name]).join(';')}m${text}\u001b[0m` : text;
}

const STATUS_TEXT: Record<SignatureStatus, string> = {
  valid: 'valid signature',
  invalid: 'INVALID signature',
  unverified: 'not verified (give --secret)',
  unsigned: 'unsigned',
};

/**
 * A readable summary of one report, for terminals. One cookie that cannot be shown costs its own summary
 * only (a line saying why), never the other cookies' output.
 */
export function reportLines(report: SessionReport, now: number): Line[] {
  try {
    return summaryLines(report, now);
  } catch (error) {
    return [[bold(nameOf(report)), '  ', red(`cannot be shown: ${error instanceof Error ? error.message : String(error)}`)]];
  }
}

function nameOf(report: SessionReport): string {
  return report.name || '(no name)';
}

function summaryLines(report: SessionReport, now: number): Line[] {
  const lines: Line[] = [[bold(nameOf(report)), `  ${report.label}  `, signaturePiece(report)]];
  const detail = report.signature.detail;
  if (detail) lines.push(['  ', dim(detail)]);
  if (report.error) lines.push(['  ', red(report.error)]);
  if (report.format === 'unknown') return lines;
  lines.push(['  issued   ', report.issuedAt === null ? dim('not recorded in this format') : moment(report.issuedAt, now)]);
  const expiry = report.expiresAt === null ? dim('none recorded') : moment(report.expiresAt, now);
  lines.push(['  expires  ', expiry, ...(report.expired ? ['  ', paint('red', 'bold')('EXPIRED')] : [])]);
  lines.push(['  cookie   ', report.cookieExpiresAt === null ? 'ends with the browser session' : `expires ${moment(report.cookieExpiresAt, now)}`]);
  for (const [fact, value] of Object.entries(report.facts)) lines.push([`  ${fact}: `, dim(value)]);
  if (report.typed) {
    lines.push(['  payload', ...containerTag(report.typed)]);
    lines.push(...typedLines(report.typed, '    ', (key) => explainKey(report.format, key)));
  }
  for (const warning of report.warnings) lines.push(['  ', yellow(`! ${warning}`)]);
  return lines;
}

function signaturePiece(report: SessionReport): Piece {
  const { status, knownSecret, attack, secretIndex } = report.signature;
  if (knownSecret !== undefined) return paint('red', 'bold')(`FORGEABLE: signed with the publicly known key ${JSON.stringify(knownSecret)}`);
  if (attack === 'jwt-algorithm-confusion') {
    const key = secretIndex === undefined ? 'the public key' : `the public key (secret #${secretIndex + 1})`;
    return paint('red', 'bold')(`FORGED: HMAC-signed with ${key}, JWT algorithm confusion`);
  }
  const text = STATUS_TEXT[status];
  return status === 'valid' ? paint('green')(text) : status === 'invalid' ? red(text) : yellow(text);
}

/** ISO 8601 and how long ago; a time no date can hold (`exp: 1e20`) is said to be out of range. */
function moment(unix: number, now: number): string {
  const iso = isoTime(unix);
  return iso === undefined ? outOfRangeText(unix) : `${iso} (${relativeTime(unix, now)})`;
}

function typedLines(value: TypedValue, indent: string, explain: (key: string) => string | undefined): Line[] {
  if (!isContainer(value)) return [[indent, ...scalar(value)]];
  // A set's members have no key or index: each is a `- ` line.
  const entries: [string | null, TypedValue][] =
    value.type === 'dict' || value.type === 'object' ? value.entries : value.type === 'set' ? value.items.map((item) => [null, item]) : value.items.map((item, i) => [`[${i}]`, item]);
  if (entries.length === 0) return [[`${indent}${emptyText(value)}`]];
  const lines: Line[] = [];
  for (const [key, item] of entries) {
    const note = key === null ? undefined : explain(key);
    const explained: Piece[] = note ? [dim(`  (${note})`)] : [];
    if (isContainer(item)) {
      lines.push([indent, key ?? '-', ...containerTag(item), ':', ...explained]);
      lines.push(...typedLines(item, `${indent}  `, () => undefined));
    } else {
      lines.push([indent, ...(key === null ? ['- '] : [key, ': ']), ...scalar(item), ...explained]);
    }
  }
  return lines;
}

/** An empty container as its language writes it: `{}`, `()`, `[]`, Python's `set()` / `frozenset()`. */
function emptyText(value: Extract<TypedValue, { type: 'dict' | 'object' | 'list' | 'tuple' | 'set' }>): string {
  if (value.type === 'set') return value.frozen ? 'frozenset()' : 'set()';
  return value.type === 'dict' || value.type === 'object' ? '{}' : value.type === 'tuple' ? '()' : '[]';
}

function isContainer(value: TypedValue): value is Extract<TypedValue, { type: 'dict' | 'object' | 'list' | 'tuple' | 'set' }> {
  return value.type === 'dict' || value.type === 'object' || value.type === 'list' || value.type === 'tuple' || value.type === 'set';
}

/** Dicts and lists speak for themselves; tuples, sets and objects say what they are. */
function containerTag(value: TypedValue): Piece[] {
  if (value.type === 'tuple') return [dim(' tuple')];
  if (value.type === 'set') return [dim(value.frozen ? ' frozenset' : ' set')];
  if (value.type === 'object') return [dim(` ${value.className}`)];
  return [];
}

function scalar(value: TypedValue): Piece[] {
  switch (value.type) {
    case 'null':
      return ['null'];
    case 'bool':
    case 'number':
      return [String(value.value)];
    case 'string':
      return [JSON.stringify(value.value)];
    case 'bytes':
      return [dim('bytes'), ` ${value.base64}`];
    case 'markup':
      return [dim('Markup'), ` ${JSON.stringify(value.value)}`];
    case 'uuid':
      return [dim('UUID'), ` ${value.value}`];
    case 'datetime':
      return [dim('datetime'), ` ${value.value}`];
    default:
      return [];
  }
}

/**
 * JSON for the terminal: the same hidden characters written as \uXXXX escapes. They only occur inside JSON strings
 * (JSON.stringify already escapes C0 controls there), so the escaped text parses to exactly the same value.
 */
export function printableJson(value: unknown): string {
  return escapeHidden(JSON.stringify(value, null, 2), { oneLine: false });
}
