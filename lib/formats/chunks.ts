import type { FormatId } from '../types';
import type { Opened, Reading, Signing } from './format';

/** `<name>.<index>`: how Auth.js's SessionStore and @supabase/ssr's chunker name the pieces of a value too large for one cookie. */
const CHUNK_NAME = /^(.+)\.(0|[1-9][0-9]{0,5})$/;

/** More pieces than any session needs (64 × 4 KB): the jar is not read further. */
const MAX_CHUNKS = 64;

interface ChunkName {
  base: string;
  index: number;
}

export function chunkName(name: string): ChunkName | null {
  const match = CHUNK_NAME.exec(name);
  return match ? { base: match[1]!, index: Number(match[2]) } : null;
}

/** The pieces `<base>.0`, `<base>.1`, … in order, up to the first one missing (or empty), as both frameworks join them. */
export function chunkValues(base: string, first: string, jar: ReadonlyMap<string, string>): string[] {
  const values = [first];
  while (values.length < MAX_CHUNKS) {
    const next = jar.get(`${base}.${values.length}`);
    if (!next) break;
    values.push(next);
  }
  return values;
}

/** Where a chunked session's pieces are, and the cookie its session is reported on. */
interface ChunkLayout {
  pieces: string;
  readOn: string;
}

/** Auth.js's and @supabase/ssr's layout: `<base>.0` … `<base>.<count - 1>`, read on the first. */
export function numberedFromZero(base: string, count: number): ChunkLayout {
  return { pieces: `"${base}.0" … "${base}.${count - 1}"`, readOn: `"${base}.0"` };
}

/**
 * A piece after the first: its session is reported elsewhere (`layout.readOn`), so this one is not a session of its
 * own. It is verified with the whole value (same verdict) but shows no payload, so a popup lists one session.
 */
export function laterChunkReading(
  identity: Pick<Reading, 'format' | 'label'> & { format: FormatId },
  part: number,
  count: number,
  whole: Signing,
  layout: ChunkLayout,
): Reading {
  return {
    format: identity.format,
    label: `${identity.label}, part ${part} of ${count}`,
    isSession: false,
    payload: null,
    issuedAt: null,
    signing: whole.kind === 'keyed' ? { kind: 'keyed', open: async (secret) => withoutPayload(await whole.open(secret)) } : whole,
    warnings: [],
    facts: { chunk: `part ${part} of ${count} of the session in ${layout.pieces}, read on ${layout.readOn}` },
  };
}

function withoutPayload(opened: Opened | null): Opened | null {
  return opened && { payload: null, ...(opened.detail ? { detail: opened.detail } : {}), ...(opened.config ? { config: opened.config } : {}) };
}

/** Which cookies a joined value came from. */
export function chunksFact(base: string, count: number): string {
  return count === 1 ? `"${base}.0" alone` : `joined from ${count} cookies, "${base}.0" … "${base}.${count - 1}"`;
}
