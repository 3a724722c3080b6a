import { createRoot } from 'react-dom/client';
import { browser } from 'wxt/browser';
import { SessionLensApp } from '../../components/SessionLensApp';
import '../../components/styles.css';

const root = createRoot(document.getElementById('root')!);
const [active] = await browser.tabs.query({ active: true, currentWindow: true });
root.render(<SessionLensApp tabId={active?.id ?? null} {...(active?.url ? { url: active.url } : {})} layout="popup" />);
