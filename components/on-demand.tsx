import { Component, lazy, Suspense, type ReactNode } from 'react';

// Parts the first view of a tab does not show, loaded when first shown: they bring lib/edit, every format's reader
// and writer (the registry) and the secret scanner, which the pages would otherwise evaluate before their first paint.

/** The session editor (SessionCard's "Edit session"). */
export const LazySessionEditor = lazy(async () => ({ default: (await import('./SessionEditor')).SessionEditor }));

/** The wordlist scan offered for the sessions it can try (SessionLensApp's tools, folded at the page's foot). */
export const LazyTabWordlistScan = lazy(async () => ({ default: (await import('./TabWordlistScan')).TabWordlistScan }));

export interface OnDemandProps {
  /** The part, for messages: "the session editor". */
  what: string;
  /** The user asked for it: a short note says it is loading. Else nothing shows until it is there, so nothing moves. */
  announce?: boolean;
  children: ReactNode;
}

/** Shows `children` once their code is loaded; a plain message, not a blank page, if it cannot be. */
export function OnDemand({ what, announce = false, children }: OnDemandProps) {
  const loading = announce ? (
    <p className="sl-muted" role="status">
      Loading {what}…
    </p>
  ) : null;
  return (
    <LoadFailure what={what}>
      <Suspense fallback={loading}>{children}</Suspense>
    </LoadFailure>
  );
}

/** A part whose code did not load (the extension was updated or reloaded while the page was open) or failed. */
class LoadFailure extends Component<{ what: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <p className="sl-error" role="alert">
        Session Lens could not show {this.props.what}. Close it and open it again.
      </p>
    );
  }
}
