import type { Secret } from '../types';

/** Bytes written as Python writes a bytes literal: `b'\x00\xffbinary'`. */
export function pythonBytesLiteral(bytes: Uint8Array): string {
  let body = '';
  for (const byte of bytes) {
    if (byte === 0x5c) body += '\\\\';
    else if (byte === 0x27) body += "\\'";
    else if (byte === 0x09) body += '\\t';
    else if (byte === 0x0a) body += '\\n';
    else if (byte === 0x0d) body += '\\r';
    else if (byte >= 0x20 && byte < 0x7f) body += String.fromCharCode(byte);
    else body += `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `b'${body}'`;
}

/** How to show a secret: text as it is, raw bytes as a Python bytes literal. */
export function displaySecret(secret: Secret): string {
  return typeof secret === 'string' ? secret : pythonBytesLiteral(secret);
}
