import { useId, type ReactNode } from 'react';

export interface PageStateProps {
  title: string;
  /** busy = loading/decoding (announced politely), error = something failed, info = nothing to show. */
  tone: 'busy' | 'info' | 'error';
  children?: ReactNode;
}

/** A designed whole-page state: loading, decoding, no access, unsupported page, error, nothing found. */
export function PageState({ title, tone, children }: PageStateProps) {
  const id = useId();
  return (
    <section className={`sl-state sl-state--${tone}`} aria-labelledby={id} aria-busy={tone === 'busy' || undefined} role={tone === 'busy' ? 'status' : undefined}>
      {tone === 'busy' && <span className="sl-spinner" aria-hidden="true" />}
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
