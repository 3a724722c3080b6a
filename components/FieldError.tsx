/** A field's error message, announced when it appears; nothing when there is none. */
export function FieldError({ id, message }: { id?: string; message: string | null | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="sl-field-error" role="alert">
      {message}
    </p>
  );
}
