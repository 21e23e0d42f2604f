// Only the button's lazy extras (the expiry countdown) need this, so it is a module of its own.

/**
 * A duration for people, two largest units, e.g. "2 h 5 min" (es) or "2 hr 5 min" (en).
 * Under a minute reads as "1 min" so a countdown never shows zero while the link is still open.
 */
export function formatDuration(ms: number, locale: string): string {
  const minutes = Math.max(1, Math.ceil(ms / 60_000));
  const parts: [number, string][] = [
    [Math.floor(minutes / 1440), 'day'],
    [Math.floor(minutes / 60) % 24, 'hour'],
    [minutes % 60, 'minute'],
  ];
  const start = parts.findIndex(([value]) => value > 0);
  return parts
    .slice(start, start + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) =>
      new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' }).format(value),
    )
    .join(' ');
}
