/** What writing a cookie does and does not do, in plain words, next to every Write button. */
export function WriteNote() {
  return (
    <p className="sl-note sl-write-note">
      Writing changes this cookie in this browser only: the site&apos;s server, its database and other browsers are not touched. The
      server reads the new value on the next request. A correctly signed session is accepted as if the server had issued it;
      a wrong signature usually logs you out or is ignored. Undo puts the original cookie back.
    </p>
  );
}
