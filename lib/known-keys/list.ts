import { fromHex } from '../codec/text';
import type { Secret } from '../types';
import { KNOWN_BYTE_SECRETS, KNOWN_SECRET_SOURCES, KNOWN_SECRETS_BY_SOURCE } from './curated';

export interface KnownSecret {
  secret: Secret;
  /** How to show it: the text itself, or the Python literal of a bytes key. */
  display: string;
  /** Title of the doc, tutorial or list it comes from. */
  source: string;
  /** Id of that source in KNOWN_SECRET_SOURCES. */
  sourceId: string;
}

let flattened: readonly KnownSecret[] | undefined;

/** The curated list of publicly known secrets, flattened once on first use. */
export function knownSecrets(): readonly KnownSecret[] {
  flattened ??= buildList();
  return flattened;
}

function buildList(): KnownSecret[] {
  const titles = new Map(KNOWN_SECRET_SOURCES.map((source) => [source.id, source.title]));
  const list: KnownSecret[] = [];
  for (const [sourceId, block] of Object.entries(KNOWN_SECRETS_BY_SOURCE)) {
    const source = titles.get(sourceId) ?? sourceId;
    for (const secret of block.split('\n')) if (secret !== '') list.push({ secret, display: secret, source, sourceId });
  }
  for (const entry of KNOWN_BYTE_SECRETS) {
    const bytes = fromHex(entry.hex);
    if (bytes) list.push({ secret: bytes, display: entry.display, source: titles.get(entry.source) ?? entry.source, sourceId: entry.source });
  }
  return list;
}
