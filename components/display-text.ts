/**
 * How text that came from a cookie is shown: always as React text (never HTML), with the characters
 * that hide or reorder text made visible (lib/display/visible-text.ts), and long text cut to a readable length.
 */

/** The first `limit` UTF-16 units of the text, without splitting a surrogate pair. */
export function truncateText(text: string, limit: number): string {
  if (text.length <= limit) return text;
  const code = text.charCodeAt(limit - 1);
  const next = text.charCodeAt(limit);
  const splitsPair = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
  return text.slice(0, splitsPair ? limit - 1 : limit);
}

/** `1 character`, `12 characters` (counted in code points, as a person would). */
export function countCharacters(text: string): string {
  let count = 0;
  for (const _ of text) count++;
  return count === 1 ? '1 character' : `${count.toLocaleString('en')} characters`;
}

/**
 * A message from the background or a caught error, made fit to show: first line only, no stack
 * frames, no file paths, at most 200 characters.
 */
export function friendlyMessage(message: unknown): string {
  const text = typeof message === 'string' ? message : message instanceof Error ? message.message : '';
  const line = text
    .split(/\r?\n/)
    .map((part) => part.trim())
    .find((part) => part !== '' && !/^at\s/.test(part) && !/^[\w$.]*@/.test(part));
  if (!line) return '';
  const withoutPaths = line.replace(/\b(?:chrome|moz|safari)-extension:\/\/\S+|\bfile:\/\/\S+|(?:\/[\w.-]+){2,}\.(?:js|ts|mjs|tsx)(?::\d+)*/g, '').trim();
  return withoutPaths.length > 200 ? `${truncateText(withoutPaths, 199)}…` : withoutPaths;
}
