import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  manifest: {
    name: 'Session Lens',
    description: 'See what is inside your site\'s session cookies: decode and verify Flask and other framework sessions.',
    permissions: ['cookies', 'storage'],
  },
});
