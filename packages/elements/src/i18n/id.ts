import type { Terms } from './terms.ts';

export const id: Terms = {
  pay: 'Bayar',
  buy: 'Beli sekarang',
  loading: 'Memuat tautan pembayaran…',
  preparing: 'Menyiapkan pembayaran…',
  status: {
    open: 'Terbuka',
    pending: 'Pembayaran diproses',
    paid: 'Lunas',
    expired: 'Kedaluwarsa',
    disabled: 'Tidak tersedia',
  },
  error: 'Tautan pembayaran tidak dapat dimuat.',
  notFound: 'Tautan pembayaran tidak ditemukan.',
  busy: 'Terlalu banyak percobaan. Coba lagi sebentar lagi.',
  retry: 'Coba lagi',
  offline: 'Menyambungkan ulang…',
  unsafe: 'Tautan pembayaran ini tidak dapat dibuka.',
  payments: (count, limit) => `Pembayaran: ${limit === null ? count : `${count} dari ${limit}`}`,
  lastPayment: (when) => `Pembayaran terakhir ${when}`,
  expiresIn: (duration) => `Kedaluwarsa dalam ${duration}`,
  scanToPay: 'Pindai untuk membayar',
  copyLink: 'Salin tautan',
  copied: 'Tautan disalin',
};
