import { explainKey } from '../lib/display/well-known-keys';
import type { FormatId, TypedValue } from '../lib/types';
import { ValueNode } from './ValueNode';

export interface ValueTreeProps {
  value: TypedValue;
  /** The report's format, to explain well-known top-level keys. */
  format: FormatId;
  /** Accessible name of the tree. */
  label?: string;
}

/**
 * A session's decoded contents as a key/value tree: dicts, lists, tuples and sets collapse with buttons,
 * framework types (tuple, bytes, datetime, UUID, Markup) show as tags, well-known keys are explained.
 */
export function ValueTree({ value, format, label = 'Session contents' }: ValueTreeProps) {
  if (value.type === 'dict') {
    if (value.entries.length === 0) return <p className="sl-empty-value">Empty: the session holds no keys.</p>;
    return (
      <ul className="sl-tree" aria-label={label}>
        {value.entries.map(([key, child], index) => (
          <ValueNode key={index} name={key} value={child} depth={0} explanation={explainKey(format, key)} asFlashes={key === '_flashes' && format === 'flask'} />
        ))}
      </ul>
    );
  }
  return (
    <ul className="sl-tree" aria-label={label}>
      <ValueNode name={null} value={value} depth={0} />
    </ul>
  );
}
