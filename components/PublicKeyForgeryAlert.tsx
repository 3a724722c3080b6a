/** As loud as a publicly known key: the token was signed with the site's public key, which anyone can download. */
export function PublicKeyForgeryAlert({ secretIndex }: { secretIndex: number | undefined }) {
  const key = secretIndex === undefined ? 'the public key' : `the public key (secret #${secretIndex + 1})`;
  return (
    <div className="sl-known-key" role="alert">
      <p className="sl-known-key-title">
        <span aria-hidden="true">⚠ </span>
        Forged with {key} as its HMAC secret: JWT algorithm confusion.
      </p>
      <p className="sl-known-key-fix">
        Anyone can sign such tokens, as the public key is public: an app whose JWT library accepts this one is vulnerable. Fix: verify with the algorithm pinned (
        <code className="sl-code">algorithms: [&quot;RS256&quot;]</code>, or the key&apos;s own) and the key loaded as a public key, never as a string an HMAC can use.
      </p>
    </div>
  );
}
