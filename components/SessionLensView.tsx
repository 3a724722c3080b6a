import { useId, useRef, type ReactNode } from 'react';
import type { SiteSettingsControls } from './useSiteSettings';
import type { TabCookies } from '../lib/browser/tab-channel';
import type { CookieInput, SessionReport } from '../lib/types';
import { friendlyMessage } from './display-text';
import { OtherCookies, type OtherCookie } from './OtherCookies';
import { PageState } from './PageState';
import { SessionCard } from './SessionCard';
import { LongText } from './LongText';
import type { WriteCookies } from './SessionEditor';
import { bySeverity } from './session-severity';
import { SessionMasterDetail } from './SessionMasterDetail';
import { SessionSummary, type SessionEntry } from './SessionSummary';
import { SiteSecrets } from './SiteSecrets';

/** The site's settings and their changes come as useSiteSettings gives them. */
export interface SessionLensViewProps extends SiteSettingsControls {
  /** What the background found for the tab; null while it is still looking. */
  tab: TabCookies | null;
  /** One report per cookie; null while decoding, or when decoding failed. */
  reports: SessionReport[] | null;
  /** Why the cookies could not be decoded (a plain message), when reports is null for that reason. */
  decodeError?: string | null;
  /** The raw cookies, in the same order as `reports`, for flags and raw values. */
  cookies: CookieInput[];
  /** Unix seconds, for "3 min ago". */
  now: number;
  /**
   * popup and sidepanel: a summary line per session, each opening its card; panel: the sessions listed beside the
   * selected one's card (stacked when narrow).
   */
  layout: 'popup' | 'panel' | 'sidepanel';
  onRequestAccess(): void;
  onOpenOptions?(): void;
  /** Opens Session Lens in the browser's side panel (the popup, where the browser has one). */
  onOpenSidePanel?(): void;
  /** Tools shown below the cookies once they are decoded (the wordlist scan). */
  tools?: ReactNode;
  /** Writes cookies back (edit, raw edit); absent where the page cannot write. */
  onWriteCookies?: WriteCookies;
  /** What Session Lens wrote on this site, with Undo: shown above the sessions. */
  writtenChanges?: ReactNode;
  /** Tokens outside the cookies (page storage, requests): shown below the cookies, and on a site without cookies. */
  tokens?: ReactNode;
  /** The history of the tab's session cookies: shown below the current state. */
  history?: ReactNode;
}

function hostOf(site: string): string {
  try {
    return new URL(site).host || site;
  } catch {
    return site;
  }
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** The whole page for one tab, shared by the toolbar popup and the devtools panel. */
export function SessionLensView(props: SessionLensViewProps) {
  const { tab, layout, onOpenOptions, onOpenSidePanel } = props;
  const host = tab?.kind === 'cookies' ? hostOf(tab.site) : tab?.kind === 'no-access' ? tab.host : null;
  return (
    <div className="sl-app" data-layout={layout}>
      <header className="sl-header">
        <h1 className="sl-title">Session Lens</h1>
        {host !== null && (
          <p className="sl-host">
            <LongText text={host} limit={80} />
          </p>
        )}
        <div className="sl-header-actions">
          {onOpenSidePanel && (
            <button type="button" className="sl-button" title="Keep Session Lens open beside the page, following the active tab" onClick={onOpenSidePanel}>
              Side panel
            </button>
          )}
          {onOpenOptions && (
            <button type="button" className="sl-button" onClick={onOpenOptions}>
              Options
            </button>
          )}
        </div>
      </header>
      <main className="sl-main">
        <TabBody {...props} />
      </main>
    </div>
  );
}

function TabBody({ tab, reports, decodeError, cookies, settings, savedSecrets, now, layout, onAddSecret, onRemoveSecret, onSetMaxAge, onSetSalt, onRequestAccess, tools, onWriteCookies, writtenChanges, tokens, history }: SessionLensViewProps) {
  const sessionsTitle = useId();
  const secretsRef = useRef<HTMLDetailsElement>(null);
  if (tab === null) {
    return <PageState tone="busy" title="Reading cookies…" />;
  }
  switch (tab.kind) {
    case 'error': {
      const detail = friendlyMessage(tab.message);
      return (
        <PageState tone="error" title="Session Lens couldn't read this tab's cookies">
          {detail && (
            <p>
              What went wrong: <LongText text={detail} limit={200} />
            </p>
          )}
          <p>Reload the page and open Session Lens again. If it keeps happening, restart the browser.</p>
        </PageState>
      );
    }
    case 'unsupported':
      return (
        <PageState tone="info" title="Session Lens can't look at this page">
          <p>
            <LongText text={tab.reason} limit={500} />
          </p>
          <p className="sl-muted">Open a website (an http or https page) to see its session cookies.</p>
        </PageState>
      );
    case 'no-access':
      return (
        <PageState tone="info" title={`Session Lens needs permission to read cookies on ${tab.host}`}>
          <p>Browsers only let an extension see a site's cookies after you allow it. Session Lens decodes them right here in your browser and never sends them anywhere.</p>
          <button type="button" className="sl-button sl-button--primary" onClick={onRequestAccess}>
            Allow Session Lens to read cookies on {tab.host}
          </button>
        </PageState>
      );
    case 'cookies':
      break;
  }

  const host = hostOf(tab.site);
  if (cookies.length === 0 && (reports === null || reports.length === 0)) {
    return (
      <>
        <PageState tone="info" title={`No cookies on ${host}`}>
          <p>This page has no cookies Session Lens can see. Log in to the site, then open Session Lens again.</p>
        </PageState>
        {tokens}
        {history}
      </>
    );
  }
  if (reports === null && decodeError) {
    const detail = friendlyMessage(decodeError);
    return (
      <PageState tone="error" title={`Session Lens couldn't decode the ${plural(cookies.length, 'cookie', 'cookies')} on ${host}`}>
        {detail && (
          <p>
            What went wrong: <LongText text={detail} limit={200} />
          </p>
        )}
        <p>Reload the page and open Session Lens again.</p>
      </PageState>
    );
  }
  if (reports === null) {
    return <PageState tone="busy" title={`Decoding ${plural(cookies.length, 'cookie', 'cookies')}…`} />;
  }

  const found: SessionEntry[] = [];
  const others: OtherCookie[] = [];
  reports.forEach((report, index) => {
    if (report.isSession) found.push({ report, index });
    else others.push({ report, cookie: cookies[index] });
  });
  const sessions = bySeverity(found);

  const askForSecret = () => {
    const details = secretsRef.current;
    if (!details) return;
    details.open = true;
    details.querySelector<HTMLInputElement>('input')?.focus();
  };
  const renderCard = ({ report, index }: SessionEntry) => (
    <SessionCard
      key={index}
      report={report}
      cookie={cookies[index]}
      pageUrl={tab.url}
      savedSecrets={savedSecrets}
      now={now}
      onAskForSecret={askForSecret}
      jar={cookies}
      {...(onWriteCookies ? { onWriteCookies } : {})}
    />
  );
  const SessionList = layout === 'panel' ? SessionMasterDetail : SessionSummary;

  return (
    <>
      {writtenChanges}
      <p className="sl-summary-line">
        {plural(sessions.length, 'session cookie', 'session cookies')} and {plural(others.length, 'other cookie', 'other cookies')} on {host}
      </p>
      {sessions.length === 0 ? (
        <PageState tone="info" title={`No session cookies on ${host}`}>
          <p>
            None of the {plural(reports.length, 'cookie', 'cookies')} here looks like a framework session or session id that Session Lens recognises. If you expected one, log in first,
            or look through the other cookies below.
          </p>
        </PageState>
      ) : (
        <section className="sl-sessions" aria-labelledby={sessionsTitle}>
          <h2 id={sessionsTitle} className="sl-section-title">
            Session cookies
          </h2>
          <SessionList sessions={sessions} renderCard={renderCard} />
        </section>
      )}
      {sessions.length > 0 && (
        <SiteSecrets
          site={tab.site}
          settings={settings}
          savedSecrets={savedSecrets}
          privateTab={tab.incognito === true}
          sessions={sessions.map(({ report }) => report)}
          onAddSecret={onAddSecret}
          onRemoveSecret={onRemoveSecret}
          onSetMaxAge={onSetMaxAge}
          onSetSalt={onSetSalt}
          detailsRef={secretsRef}
        />
      )}
      <OtherCookies entries={others} pageUrl={tab.url} defaultOpen={sessions.length === 0} {...(onWriteCookies ? { onWriteCookies } : {})} />
      {tokens}
      {history}
      {tools}
    </>
  );
}
