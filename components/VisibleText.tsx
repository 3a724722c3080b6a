import { visibleParts } from '../lib/display/visible-text';

/**
 * Text from a cookie, shown as plain React text inside a bidi isolate. Characters that hide or
 * reorder text (RTL overrides, zero-width characters, controls, lone surrogates) appear as `\uXXXX`.
 */
export function VisibleText({ text }: { text: string }) {
  return (
    <bdi className="sl-text">
      {visibleParts(text).map((part, index) =>
        part.kind === 'text' ? (
          part.text
        ) : (
          <span key={index} className="sl-escape" title={part.name}>
            {part.text}
          </span>
        ),
      )}
    </bdi>
  );
}
