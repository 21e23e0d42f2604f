/**
 * The script-tag entry (`/paylink.js`): registers the public elements and makes the proxy that
 * served this script their default, so a page needs only
 * `<script type="module" src="https://pay.example.com/paylink.js"></script>`.
 */
import { setDefaultProxy } from './config.ts';
import { defineElements } from './define.ts';

setDefaultProxy(new URL(import.meta.url).origin);
defineElements();
