import { useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { SessionLine } from './SessionLine';
import type { SessionEntry } from './SessionSummary';

export interface SessionMasterDetailProps {
  /** The sessions, most severe first. */
  sessions: readonly SessionEntry[];
  renderCard(entry: SessionEntry): ReactNode;
}

/** The key that moves the selection, and where to: arrows step, Home and End jump. */
function nextPosition(key: string, position: number, count: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(position + 1, count - 1);
    case 'ArrowUp':
      return Math.max(position - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * The panel's view, as the Application panel lists storage: the sessions on the left (a listbox: arrows, Home and
 * End select, Tab moves on to the details), the selected one's card on the right. Narrower than about 700 px the
 * list stacks above the card (styles.css, a container query).
 */
export function SessionMasterDetail({ sessions, renderCard }: SessionMasterDetailProps) {
  const id = useId();
  // Selected by jar index, so a live refresh that reorders the sessions keeps the one the user looks at.
  const [selectedIndex, setSelectedIndex] = useState<number | null>(null);
  const options = useRef(new Map<number, HTMLLIElement>());
  const selected = sessions.find((entry) => entry.index === selectedIndex) ?? sessions[0]!;

  const select = (entry: SessionEntry) => {
    setSelectedIndex(entry.index);
    options.current.get(entry.index)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const position = nextPosition(event.key, sessions.indexOf(selected), sessions.length);
    if (position === null) return;
    event.preventDefault();
    select(sessions[position]!);
  };

  return (
    <div className="sl-master-detail">
      <ul className="sl-master" role="listbox" aria-label="Sessions" aria-orientation="vertical" onKeyDown={onKeyDown}>
        {sessions.map((entry) => {
          const isSelected = entry === selected;
          return (
            <li
              key={entry.index}
              ref={(element) => {
                if (element) options.current.set(entry.index, element);
                else options.current.delete(entry.index);
              }}
              id={`${id}-${entry.index}`}
              role="option"
              className="sl-master-option"
              aria-selected={isSelected}
              tabIndex={isSelected ? 0 : -1}
              onClick={() => select(entry)}
            >
              <SessionLine report={entry.report} />
            </li>
          );
        })}
      </ul>
      <div className="sl-detail" role="region" aria-labelledby={`${id}-${selected.index}`}>
        {renderCard(selected)}
      </div>
    </div>
  );
}
