import { createRoot } from 'react-dom/client';
import { saveSiteSettings } from '../../lib/browser/site-settings';
import { OptionsView } from '../../components/OptionsView';
import { PageState } from '../../components/PageState';
import { useAllSiteSettings } from '../../components/useSiteSettings';
import '../../components/styles.css';

function OptionsPage() {
  const sites = useAllSiteSettings();
  if (sites === null) return <PageState tone="busy" title="Loading saved sites…" />;
  return <OptionsView sites={sites} onChange={(site, settings) => void saveSiteSettings(site, settings)} />;
}

createRoot(document.getElementById('root')!).render(<OptionsPage />);
