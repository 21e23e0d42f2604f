/** `import '@paylink/elements/define-form'`: registers `<pay-link-form>` on import (back offices, extensions). */
import { defineForm } from './define-form.ts';

defineForm();

// Re-exported so this entry's declarations carry the tag-name typing.
export { defineForm };
