// Which cookie changes Session Lens made itself (an edit written back, an undo): the history marks them.

/** How long after Session Lens writes a cookie a change to that value counts as its own. */
const OWN_WRITE_MS = 10_000;
const ownWrites = new Map<string, number>();

function ownWriteKey(name: string, value: string | null): string {
  return value === null ? `${name}\n-` : `${name}\n=${value}`;
}

/** Called by the background just before it writes (value) or deletes (null) a cookie for the user. */
export function noteOwnWrite(name: string, value: string | null): void {
  const now = Date.now();
  for (const [key, until] of ownWrites) if (until < now) ownWrites.delete(key);
  ownWrites.set(ownWriteKey(name, value), now + OWN_WRITE_MS);
}

export function isOwnWrite(name: string, value: string | null): boolean {
  return (ownWrites.get(ownWriteKey(name, value)) ?? 0) >= Date.now();
}
