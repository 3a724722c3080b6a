import { useId } from 'react';
import type { StorageCandidate, TokenGroup } from '../lib/decode/page-tokens';
import { friendlyMessage } from './display-text';
import { LongText } from './LongText';
import { SessionCard, type SessionCardProps } from './SessionCard';
import type { FoundToken, PageTokens as Tokens } from './usePageTokens';

/** The tokens, and what every card needs (the site's secrets and settings), as the session cards get them. */
export type PageTokensProps = Tokens & Omit<SessionCardProps, 'report' | 'cookie' | 'jar'>;

/** Tokens outside the cookies: those the page keeps in its storage and, in the devtools panel, those its requests send. */
export function PageTokens({ storage, storageError, requests, unrecognisedRequestTokens, decodeError, jar, ...card }: PageTokensProps) {
  const storageTitle = useId();
  const requestsTitle = useId();
  const decodeProblem = decodeError ? friendlyMessage(decodeError) : null;
  return (
    <>
      <section className="sl-sessions sl-page-tokens" aria-labelledby={storageTitle}>
        <h2 id={storageTitle} className="sl-section-title">
          Tokens in page storage
        </h2>
        {decodeProblem && (
          <p className="sl-error" role="note">
            Session Lens couldn't decode the page's tokens: <LongText text={decodeProblem} limit={200} />
          </p>
        )}
        {storage === null ? (
          !decodeProblem && <p className="sl-muted">Reading the page's localStorage and sessionStorage…</p>
        ) : storage.length === 0 ? (
          <p className="sl-muted">{storageError ? <LongText text={storageError} limit={300} /> : 'No tokens Session Lens recognises in this page\'s localStorage or sessionStorage.'}</p>
        ) : (
          <div className="sl-cards">
            {storage.map((token) => (
              <StorageToken key={`${token.where.area}\n${token.where.name}`} token={token} jar={jar} card={card} />
            ))}
          </div>
        )}
      </section>
      {requests !== null && (
        <section className="sl-sessions sl-page-tokens" aria-labelledby={requestsTitle}>
          <h2 id={requestsTitle} className="sl-section-title">
            Tokens sent in requests
          </h2>
          {requests.length === 0 ? (
            <p className="sl-muted">No request since devtools opened sent a token Session Lens recognises (Authorization: Bearer, X-Auth-Token, X-CSRF-Token, cookies of other sites).</p>
          ) : (
            <div className="sl-cards">
              {requests.map((token, index) => (
                <RequestToken key={index} token={token} jar={jar} card={card} />
              ))}
            </div>
          )}
          {unrecognisedRequestTokens > 0 && (
            <p className="sl-muted">
              {unrecognisedRequestTokens === 1 ? '1 other token' : `${unrecognisedRequestTokens} other tokens`} sent in requests, not in a format Session Lens recognises.
            </p>
          )}
        </section>
      )}
    </>
  );
}

type CardContext = Omit<SessionCardProps, 'report' | 'cookie' | 'jar'>;

function StorageToken({ token, jar, card }: { token: FoundToken<StorageCandidate>; jar: Tokens['jar']; card: CardContext }) {
  return (
    <div className="sl-token">
      <p className="sl-token-where">In {token.where.area}</p>
      <SessionCard report={token.report} cookie={token.cookie} jar={jar} {...card} />
    </div>
  );
}

function RequestToken({ token, jar, card }: { token: FoundToken<TokenGroup>; jar: Tokens['jar']; card: CardContext }) {
  const { token: sent, requests, count } = token.where;
  const where = sent.header === 'Cookie' ? `A cookie sent to ${originOf(requests[0]?.url ?? '')}` : `Sent in the ${sent.header} header`;
  return (
    <div className="sl-token">
      <p className="sl-token-where">
        <LongText text={where} limit={120} />
      </p>
      <SessionCard report={token.report} cookie={token.cookie} jar={jar} {...card} />
      <details className="sl-token-requests">
        <summary>{count === 1 ? 'Sent in 1 request' : `Sent in ${count} requests${count > requests.length ? ` (the newest ${requests.length} listed)` : ''}`}</summary>
        <ul aria-label={`Requests that sent ${sent.name.slice(0, 80)}`}>
          {requests.map((request, index) => (
            <li key={index}>
              <span className="sl-request-method">
                <LongText text={request.method} limit={16} />
              </span>{' '}
              <LongText text={request.url} limit={200} /> <span className="sl-request-status">{request.status === 0 ? 'no response' : request.status}</span>
            </li>
          ))}
        </ul>
      </details>
    </div>
  );
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'another site';
  }
}
