import { defineConfig } from 'wxt';

/** Any http(s) site, asked for one site at a time at runtime ("Allow Session Lens to read cookies on …"). */
const SITE_ACCESS = ['http://*/*', 'https://*/*'];

/**
 * Extension pages may run only the extension's own code (WebAssembly for the secret scanner) and may not
 * connect anywhere: secrets and cookies never leave the machine.
 */
const PAGE_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'; connect-src 'none'";

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: ({ manifestVersion }) => ({
    name: 'Session Lens',
    description: 'See what is inside your site\'s session cookies: decode Flask, Django, Express, JWT, Rails and Laravel sessions and check their signatures.',
    permissions: ['cookies', 'storage', 'activeTab'],
    // MV2 (Firefox's default) has no optional_host_permissions: origins go in optional_permissions there.
    ...(manifestVersion === 2 ? { optional_permissions: SITE_ACCESS } : { optional_host_permissions: SITE_ACCESS }),
    content_security_policy: manifestVersion === 2 ? PAGE_CSP : { extension_pages: PAGE_CSP },
  }),
});
