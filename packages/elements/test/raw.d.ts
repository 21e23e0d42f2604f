// Vite's `?raw` imports (a file's text), used by src/manifest.test.ts.
declare module '*?raw' {
  const text: string;
  export default text;
}
