import type { Terms } from './terms.ts';

export const pt: Terms = {
  pay: 'Pagar',
  buy: 'Comprar agora',
  loading: 'Carregando link de pagamento…',
  preparing: 'Preparando o pagamento…',
  status: {
    open: 'Aberto',
    pending: 'Pagamento em andamento',
    paid: 'Pago',
    expired: 'Expirado',
    disabled: 'Indisponível',
  },
  error: 'Não foi possível carregar o link de pagamento.',
  notFound: 'Link de pagamento não encontrado.',
  busy: 'Muitas tentativas. Tente novamente em instantes.',
  retry: 'Tentar novamente',
  offline: 'Reconectando…',
  unsafe: 'Este link de pagamento não pode ser aberto.',
  payments: (count, limit) => `Pagamentos: ${limit === null ? count : `${count} de ${limit}`}`,
  lastPayment: (when) => `Último pagamento ${when}`,
  expiresIn: (duration) => `Expira em ${duration}`,
  scanToPay: 'Escaneie para pagar',
  copyLink: 'Copiar link',
  copied: 'Link copiado',
};
