import { defineConfig } from 'wxt';

/** Any http(s) site, asked for one site at a time at runtime ("Allow Session Lens to read cookies on …"). */
const SITE_ACCESS = ['http://*/*', 'https://*/*'];

/**
 * Extension pages load only the extension's own scripts (WebAssembly for the secret scanner), workers and
 * stylesheets, and reach nothing else: no fetch or socket, no image, frame, font or form target anywhere, so
 * secrets and cookies never leave the machine even if something a site set ended up in the page. The pages use no
 * images, inline styles or style attributes (React's `style` prop goes through the CSSOM, which CSP allows).
 */
const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "worker-src 'self'",
  "connect-src 'none'",
  "frame-src 'none'",
  "form-action 'none'",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

/** Firefox add-on id (MV3 requires one; addons.mozilla.org ties the listing to it): never change it once published. */
const GECKO_ID = '{0c6f1d2e-7b8a-4e95-a3c4-5e55107e1e45}';

/** What `npm run zip` puts in the Firefox sources zip: everything `npm ci && npm run build:firefox` needs. */
const BUILD_SOURCES = [
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'wxt.config.ts',
  'README.md',
  'entrypoints/**',
  'components/**',
  'lib/**',
  'public/**',
  'cli/**',
  'bin/**',
  'scripts/build-*.mjs',
  'scripts/make-icons.mjs',
];

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  // Manifest V3 for Firefox too (WXT would pick MV2 there): Firefox's own per-site access controls, an event page
  // like Chrome's service worker, one manifest model. Why, in README "Firefox". `--mv2` still builds MV2.
  manifestVersion: 3,
  manifest: ({ browser, manifestVersion }) => ({
    name: 'Session Lens',
    description: 'See what is inside your site\'s session cookies: decode Flask, Django, Express, JWT, Rails and Laravel sessions and check their signatures.',
    // scripting: reads a granted site's localStorage / sessionStorage (its tokens). webRequest: the Set-Cookie headers
    // of a granted site's responses (the history names the response behind each change). Neither adds an install
    // warning, and both reach only the sites the user granted.
    permissions: ['cookies', 'storage', 'activeTab', 'scripting', 'webRequest'],
    // MV2 (`--mv2`) has no optional_host_permissions: origins go in optional_permissions there.
    ...(manifestVersion === 2 ? { optional_permissions: SITE_ACCESS } : { optional_host_permissions: SITE_ACCESS }),
    content_security_policy: manifestVersion === 2 ? PAGE_CSP : { extension_pages: PAGE_CSP },
    ...(browser === 'firefox'
      ? {
          // Nothing is collected. No strict_min_version: we support 128+ (optional_host_permissions came in 128),
          // but declaring 128 makes web-ext lint warn that 128 does not know data_collection_permissions (Firefox
          // before 140 skips the unknown key with a console warning and installs the add-on).
          browser_specific_settings: { gecko: { id: GECKO_ID, data_collection_permissions: { required: ['none'] } } },
        }
      : {}),
  }),
  // No <link rel=modulepreload> per dependency before each dynamic import: extension files are local, the browser finds
  // a module's imports as fast itself, and adding those links cost the popup 10–18 ms of its first paint (measured).
  vite: () => ({ build: { modulePreload: false } }),
  zip: {
    includeSources: BUILD_SOURCES,
  },
});
