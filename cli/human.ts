import type { SessionReport, SignatureStatus, TypedValue } from '../lib/types';
import { relativeTime } from '../lib/time-text';
import { explainKey } from '../lib/well-known-keys';

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
}

const ansi = (code: string) => (text: string) => `\u001b[${code}m${text}\u001b[0m`;
export const COLOUR: Style = { bold: ansi('1'), dim: ansi('2'), green: ansi('32'), red: ansi('31'), yellow: ansi('33') };
const same = (text: string) => text;
export const PLAIN: Style = { bold: same, dim: same, green: same, red: same, yellow: same };

const STATUS_TEXT: Record<SignatureStatus, string> = {
  valid: 'valid signature',
  invalid: 'INVALID signature',
  unverified: 'not verified (give --secret)',
  unsigned: 'unsigned',
};

/** Cookie data may hold escape sequences: show control characters as \uXXXX so they cannot drive the terminal. */
export function inert(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A readable summary of one report, for terminals. */
export function formatReport(report: SessionReport, now: number, style: Style): string {
  const lines: string[] = [];
  lines.push(`${style.bold(inert(report.name) || '(no name)')}  ${report.label}  ${signatureText(report, style)}`);
  const detail = report.signature.detail;
  if (detail) lines.push(`  ${style.dim(inert(detail))}`);
  if (report.error) lines.push(`  ${style.red(inert(report.error))}`);
  if (report.format === 'unknown') return lines.join('\n');
  lines.push(`  issued   ${report.issuedAt === null ? style.dim('not recorded in this format') : moment(report.issuedAt, now)}`);
  const expiry = report.expiresAt === null ? style.dim('none recorded') : moment(report.expiresAt, now);
  lines.push(`  expires  ${expiry}${report.expired ? `  ${style.red(style.bold('EXPIRED'))}` : ''}`);
  lines.push(`  cookie   ${report.cookieExpiresAt === null ? 'ends with the browser session' : `expires ${moment(report.cookieExpiresAt, now)}`}`);
  for (const [fact, value] of Object.entries(report.facts)) lines.push(`  ${fact}: ${style.dim(inert(value))}`);
  if (report.typed) {
    lines.push('  payload');
    lines.push(...formatTyped(report.typed, '    ', (key) => explainKey(report.format, key), style));
  }
  for (const warning of report.warnings) lines.push(`  ${style.yellow(`! ${inert(warning)}`)}`);
  return lines.join('\n');
}

function signatureText(report: SessionReport, style: Style): string {
  const { status, knownSecret, attack, secretIndex } = report.signature;
  if (knownSecret !== undefined) return style.red(style.bold(`FORGEABLE: signed with the publicly known key ${inert(JSON.stringify(knownSecret))}`));
  if (attack === 'jwt-algorithm-confusion') {
    const key = secretIndex === undefined ? 'the public key' : `the public key (secret #${secretIndex + 1})`;
    return style.red(style.bold(`FORGED: HMAC-signed with ${key}, JWT algorithm confusion`));
  }
  const text = STATUS_TEXT[status];
  return status === 'valid' ? style.green(text) : status === 'invalid' ? style.red(text) : style.yellow(text);
}

function moment(unix: number, now: number): string {
  const iso = new Date(unix * 1000).toISOString().replace('.000Z', 'Z');
  return `${iso} (${relativeTime(unix, now)})`;
}

function formatTyped(value: TypedValue, indent: string, explain: (key: string) => string | undefined, style: Style): string[] {
  if (value.type !== 'dict' && value.type !== 'list' && value.type !== 'tuple') return [`${indent}${scalar(value, style)}`];
  const entries: [string, TypedValue][] = value.type === 'dict' ? value.entries : value.items.map((item, i) => [`[${i}]`, item]);
  if (entries.length === 0) return [`${indent}${value.type === 'dict' ? '{}' : value.type === 'tuple' ? '()' : '[]'}`];
  const lines: string[] = [];
  for (const [key, item] of entries) {
    const note = explain(key);
    const explained = note ? style.dim(`  (${note})`) : '';
    if (item.type === 'dict' || item.type === 'list' || item.type === 'tuple') {
      lines.push(`${indent}${inert(key)}${item.type === 'tuple' ? style.dim(' tuple') : ''}:${explained}`);
      lines.push(...formatTyped(item, `${indent}  `, () => undefined, style));
    } else {
      lines.push(`${indent}${inert(key)}: ${scalar(item, style)}${explained}`);
    }
  }
  return lines;
}

function scalar(value: TypedValue, style: Style): string {
  switch (value.type) {
    case 'null':
      return 'null';
    case 'bool':
    case 'number':
      return String(value.value);
    case 'string':
      return JSON.stringify(value.value);
    case 'bytes':
      return `${style.dim('bytes')} ${value.base64}`;
    case 'markup':
      return `${style.dim('Markup')} ${JSON.stringify(value.value)}`;
    case 'uuid':
      return `${style.dim('UUID')} ${value.value}`;
    case 'datetime':
      return `${style.dim('datetime')} ${value.value}`;
    default:
      return '';
  }
}
