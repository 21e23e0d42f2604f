// Entry of the form bundle the screenshot gallery loads (scripts/screenshots.ts): `<pay-link-form>` is
// not part of paylink.js. It lives here so the build finds the package's tsconfig.

import { setDefaultProxy } from '../src/config.ts';
import { defineForm } from '../src/define-form.ts';

setDefaultProxy(new URL(import.meta.url).searchParams.get('proxy') ?? location.origin);
defineForm();
