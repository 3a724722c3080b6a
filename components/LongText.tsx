import { useState } from 'react';
import { countCharacters, truncateText } from './display-text';
import { VisibleText } from './VisibleText';

export interface LongTextProps {
  text: string;
  /** UTF-16 units shown before "Show more". */
  limit?: number;
  /** Wrap in double quotes, as the value tree shows strings. */
  quoted?: boolean;
  className?: string;
}

/** Cookie text cut to `limit` characters with a "Show more" button; hidden characters made visible. */
export function LongText({ text, limit = 200, quoted = false, className }: LongTextProps) {
  const [expanded, setExpanded] = useState(false);
  const long = text.length > limit;
  const shown = long && !expanded ? truncateText(text, limit) : text;
  const hidden = text.slice(shown.length);
  return (
    <span className={className ? `sl-long ${className}` : 'sl-long'}>
      {quoted && <span className="sl-quote">"</span>}
      <VisibleText text={shown} />
      {long && !expanded && <span className="sl-ellipsis">…</span>}
      {quoted && (!long || expanded) && <span className="sl-quote">"</span>}
      {long && (
        <button type="button" className="sl-link-button" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
          {expanded ? 'Show less' : `Show more (${countCharacters(hidden)} more)`}
        </button>
      )}
    </span>
  );
}
