import type { Terms } from './terms.ts';

export const es: Terms = {
  pay: 'Pagar',
  buy: 'Comprar ahora',
  loading: 'Cargando enlace de pago…',
  preparing: 'Preparando el pago…',
  status: {
    open: 'Abierto',
    pending: 'Pago en curso',
    paid: 'Pagado',
    expired: 'Vencido',
    disabled: 'No disponible',
  },
  error: 'No se pudo cargar el enlace de pago.',
  notFound: 'Enlace de pago no encontrado.',
  busy: 'Demasiados intentos. Inténtalo de nuevo en un momento.',
  retry: 'Reintentar',
  offline: 'Reconectando…',
  unsafe: 'Este enlace de pago no se puede abrir.',
  payments: (count, limit) => `Pagos: ${limit === null ? count : `${count} de ${limit}`}`,
  lastPayment: (when) => `Último pago ${when}`,
  expiresIn: (duration) => `Vence en ${duration}`,
  scanToPay: 'Escanea para pagar',
  copyLink: 'Copiar enlace',
  copied: 'Enlace copiado',
};
