import { createRoot } from 'react-dom/client';
import type { TabWatch } from '../../lib/browser/tab-watch';
import { SessionLensApp } from '../../components/SessionLensApp';

export function showPopup(tabId: number | null, url: string | undefined, watch: TabWatch | undefined): void {
  createRoot(document.getElementById('root')!).render(<SessionLensApp tabId={tabId} {...(url ? { url } : {})} layout="popup" {...(watch ? { watch } : {})} />);
}
