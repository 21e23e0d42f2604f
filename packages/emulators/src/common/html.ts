const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

/** Trusted HTML produced by `html` (already escaped). */
export class SafeHtml {
  readonly value: string;
  constructor(value: string) {
    this.value = value;
  }
  toString(): string {
    return this.value;
  }
}

/** Tagged template that escapes every interpolation except nested `SafeHtml` (and arrays of it). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? '';
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '');
  });
  return new SafeHtml(out);
}

function render(value: unknown): string {
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return value.map(render).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(value);
}

/** A complete hosted page in a provider's colours; no external assets, no script. */
export function page(options: { title: string; brand: string; accent: string; body: SafeHtml }): string {
  return `<!doctype html>${html`<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${options.brand} (emulator)</title>
<style>
body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7;color:#1d2330}
header{background:${options.accent};color:#fff;padding:14px 24px;font-weight:600}
header small{font-weight:400;opacity:.85;margin-left:8px}
main{max-width:560px;margin:32px auto;background:#fff;border-radius:12px;padding:28px;box-shadow:0 2px 10px #0001}
h1{font-size:1.4rem;margin:0 0 8px}.amount{font-size:2rem;font-weight:700;margin:12px 0}
.muted{color:#5b6475}.row{display:flex;gap:12px;flex-wrap:wrap;margin-top:20px}
button,.button{font:inherit;border:0;border-radius:8px;padding:12px 20px;cursor:pointer;background:${options.accent};color:#fff;text-decoration:none;display:inline-block}
button.secondary{background:#e4e7ec;color:#1d2330}label{display:block;margin:12px 0 4px}
input,select{font:inherit;padding:8px;border:1px solid #c5cad3;border-radius:6px;width:100%;box-sizing:border-box}
.notice{padding:12px;border-radius:8px;background:#eef4ff;margin-top:16px}
table{width:100%;border-collapse:collapse;margin-top:12px}td{padding:4px 0;border-bottom:1px solid #eee}
</style></head>
<body><header>${options.brand}<small>local emulator</small></header><main>${options.body}</main></body></html>`}`;
}
