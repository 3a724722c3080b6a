/**
 * How a saved secret is shown: never in full. Long secrets keep their first two characters so the
 * user can tell them apart; short ones (which two characters would give away) show none.
 */
export function maskSecret(secret: string): string {
  const characters = Array.from(secret);
  const shown = characters.length >= 8 ? characters.slice(0, 2).join('') : '';
  const length = characters.length === 1 ? '1 char' : `${characters.length} chars`;
  return `${shown}•••• (${length})`;
}
