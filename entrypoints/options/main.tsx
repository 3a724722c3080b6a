import { createRoot } from 'react-dom/client';
import { saveMemorySecrets, saveSiteSettings } from '../../lib/browser/site-settings';
import { OptionsView } from '../../components/OptionsView';
import { PageState } from '../../components/PageState';
import { useAllMemorySecrets, useAllSiteSettings } from '../../components/useSiteSettings';
import '../../components/styles.css';

function OptionsPage() {
  const sites = useAllSiteSettings();
  const memorySecrets = useAllMemorySecrets();
  if (sites === null || memorySecrets === null) return <PageState tone="busy" title="Loading saved sites…" />;
  return (
    <OptionsView
      sites={sites}
      memorySecrets={memorySecrets}
      onChange={(site, settings) => void saveSiteSettings(site, settings)}
      onChangeMemorySecrets={(site, secrets) => void saveMemorySecrets(site, secrets)}
    />
  );
}

createRoot(document.getElementById('root')!).render(<OptionsPage />);
