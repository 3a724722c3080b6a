import { useId, useState, type ReactNode } from 'react';
import type { SessionReport } from '../lib/types';
import { SessionLine } from './SessionLine';

export interface SessionEntry {
  report: SessionReport;
  /** The entry's place in the jar, a stable key while the reports refresh. */
  index: number;
}

export interface SessionSummaryProps {
  /** The sessions, most severe first. */
  sessions: readonly SessionEntry[];
  renderCard(entry: SessionEntry): ReactNode;
}

/**
 * The popup's list: one line per session, most severe first, each a disclosure button for its card. A lone session
 * starts open; with several, the lines alone fit the popup and the user opens what they need.
 */
export function SessionSummary({ sessions, renderCard }: SessionSummaryProps) {
  const id = useId();
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set(sessions.length === 1 ? [sessions[0]!.index] : []));
  const toggle = (index: number) =>
    setOpen((before) => {
      const next = new Set(before);
      if (!next.delete(index)) next.add(index);
      return next;
    });
  return (
    <ul className="sl-summary">
      {sessions.map((entry) => {
        const expanded = open.has(entry.index);
        const cardId = `${id}-${entry.index}`;
        return (
          <li key={entry.index} className="sl-summary-item">
            <button type="button" className="sl-summary-toggle" aria-expanded={expanded} aria-controls={cardId} onClick={() => toggle(entry.index)}>
              <span className="sl-summary-marker" aria-hidden="true">
                {expanded ? '▾' : '▸'}
              </span>
              <SessionLine report={entry.report} />
            </button>
            <div id={cardId} className="sl-summary-card" hidden={!expanded}>
              {renderCard(entry)}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
