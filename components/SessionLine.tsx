import type { SessionReport } from '../lib/types';
import { truncateText } from './display-text';
import { VisibleText } from './VisibleText';
import { SEVERITY_WORD, severityOf } from './session-severity';

/** Cookie-name characters a line shows (it sits inside a button or an option, so no "Show more" there). */
const NAME_LIMIT = 60;

/**
 * One session in a line: its severity in words (colour repeats it), its cookie name and its format. The spaces
 * between them keep the words apart for screen readers; the flex gap spaces them for the eye.
 */
export function SessionLine({ report }: { report: SessionReport }) {
  const severity = severityOf(report);
  return (
    <span className="sl-line">
      <span className={`sl-severity sl-severity--${severity}`} data-severity={severity}>
        {SEVERITY_WORD[severity]}
      </span>{' '}
      <span className="sl-line-name">
        <VisibleText text={truncateText(report.name, NAME_LIMIT)} />
        {report.name.length > NAME_LIMIT && '…'}
      </span>{' '}
      <span className="sl-line-format">{report.label}</span>
    </span>
  );
}
