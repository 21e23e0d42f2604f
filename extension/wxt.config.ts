import { defineConfig } from 'wxt';

export default defineConfig({
  manifest: {
    name: 'PayLink',
    description: 'Create a payment link from any page and get notified when it is paid.',
    permissions: ['storage', 'contextMenus', 'alarms', 'notifications'],
    optional_host_permissions: ['http://*/*', 'https://*/*'],
  },
  suppressWarnings: { firefoxDataCollection: true },
});
