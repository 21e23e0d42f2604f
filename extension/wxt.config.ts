import { defaultClientConditions } from 'vite';
import { defineConfig } from 'wxt';

// Every permission is justified in README.md ("Permissions").
const permissions = ['storage', 'activeTab', 'scripting', 'contextMenus', 'alarms', 'notifications'];
// The local proxy and emulators of `npm start` (match patterns ignore the port).
const loopback = ['http://localhost/*', 'http://127.0.0.1/*'];
// Any other proxy is asked for at run time, one origin, when its address is saved.
const anyProxy = ['https://*/*', 'http://*/*'];

export default defineConfig({
  // The workspace packages from their TypeScript sources (their `@paylink/source` export condition).
  vite: () => ({ resolve: { conditions: ['@paylink/source', ...defaultClientConditions] } }),
  manifest: ({ browser, manifestVersion }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    icons: { 16: '/icon/16.png', 32: '/icon/32.png', 48: '/icon/48.png', 128: '/icon/128.png' },
    action: { default_title: 'PayLink' },
    // The keyboard shortcut that opens the popup (people can change it in the browser's settings).
    commands: {
      [manifestVersion === 3 ? '_execute_action' : '_execute_browser_action']: {
        suggested_key: { default: 'Alt+Shift+P' },
      },
    },
    // Manifest V2 (Firefox) lists hosts among the permissions; V3 keeps them apart.
    ...(manifestVersion === 3
      ? { permissions, host_permissions: loopback, optional_host_permissions: anyProxy }
      : { permissions: [...permissions, ...loopback], optional_permissions: anyProxy }),
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'extension@paylink.dev',
              // What leaves the browser (README.md, "Privacy"): the amounts and texts of the links
              // the person creates, and the API key, sent to the proxy they configure.
              data_collection_permissions: {
                required: ['financialAndPaymentInfo', 'authenticationInfo', 'websiteContent'],
              },
            },
          },
        }
      : {}),
  }),
  zip: {
    artifactTemplate: 'paylink-{{version}}-{{browser}}.zip',
    sourcesTemplate: 'paylink-{{version}}-sources.zip',
  },
});
