/** @jsxImportSource solid-js */
// Must NOT type-check (the matrix test asserts it fails): `mode` is 'auto' | 'poll' | 'sse'.
export const WrongUsage = () => <pay-link-status link="pl_x" mode="sometimes" />;
