import { lazy, Suspense, type ReactNode } from 'react';

// Parts the first view of a tab does not show, loaded when first shown: they bring lib/edit, every format's reader
// and writer (the registry) and the secret scanner, which the pages would otherwise evaluate before their first paint.

/** The session editor (SessionCard's "Edit session"). */
export const LazySessionEditor = lazy(async () => ({ default: (await import('./SessionEditor')).SessionEditor }));

/** The wordlist scan offered for the sessions it can try (SessionLensApp's tools, folded at the page's foot). */
export const LazyTabWordlistScan = lazy(async () => ({ default: (await import('./TabWordlistScan')).TabWordlistScan }));

/**
 * Shows `children` once their code is loaded. Until then a short note, announced politely, for a part the user asked
 * for (`what`); nothing for one that comes unasked, below the rest, so nothing above it moves.
 */
export function OnDemand({ what, children }: { what?: string; children: ReactNode }) {
  const loading = what === undefined ? null : (
    <p className="sl-muted" role="status">
      Loading {what}…
    </p>
  );
  return <Suspense fallback={loading}>{children}</Suspense>;
}
