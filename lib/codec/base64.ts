const URL_SAFE = /^[A-Za-z0-9_-]*$/;
const STANDARD = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The text without its trailing `=`. A loop, not `/=+$/`: that regex restarts at every `=` of a run that is not
 * at the end, quadratic in the run (40 KB of `=` took seconds).
 */
function withoutPadding(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 0x3d) end--;
  return text.slice(0, end);
}

function decodeAlphabet(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const bare = withoutPadding(text);
  try {
    const binary = atob(bare.padEnd(Math.ceil(bare.length / 4) * 4, '='));
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

/** RFC 4648 §5 (`-`, `_`), padding optional, as itsdangerous, Django and JWT write it. */
export function decodeBase64Url(text: string): Uint8Array | null {
  const bare = withoutPadding(text);
  if (!URL_SAFE.test(bare)) return null;
  return decodeAlphabet(bare.replace(/-/g, '+').replace(/_/g, '/'));
}

/** Standard alphabet (`+`, `/`), padding optional. */
export function decodeBase64(text: string): Uint8Array | null {
  if (!STANDARD.test(text)) return null;
  return decodeAlphabet(text);
}

export function encodeBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}

export function encodeBase64Url(bytes: Uint8Array): string {
  return withoutPadding(encodeBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_'));
}
