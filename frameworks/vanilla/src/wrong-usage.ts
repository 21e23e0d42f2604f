// Must NOT type-check (the matrix test asserts it fails): `mode` is 'auto' | 'poll' | 'sse'.
import '@paylink/elements/define';

const status = document.createElement('pay-link-status');
status.mode = 'sometimes';
