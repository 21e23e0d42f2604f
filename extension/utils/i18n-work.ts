// The texts of inserting, sharing, the links page and the setup guide (the rest is in i18n.ts).

export interface WorkTerms {
  proxyUrlInsecure: string;
  notAProxy: string;
  guideTitle: string;
  guideSteps: string[];
  messageFormat: string;
  messageFormatHint: string;
  /** The default message format; `{amount}`, `{description}`, `{url}`, `{reference}`. */
  defaultMessage: string;
  insertMenuTitle: string;
  linksMenuTitle: string;
  allLinks: string;
  insertHint: string;
  insertBlockedHint: string;
  inserted: string;
  insertRefused: string;
  insertRefusedCopy: string;
  copyUrl: string;
  copyMessage: string;
  copied: string;
  copyFailed: string;
  whatsapp: string;
  email: string;
  emailSubject: string;
  shareTitle: string;
  cannotShare: string;
  linksTitle: string;
  search: string;
  status: string;
  provider: string;
  allProviders: string;
  from: string;
  to: string;
  exportCsv: string;
  loadMore: string;
  loadAll: string;
  loading: string;
  shown: (shown: number, loaded: number, more: boolean) => string;
  paidTotals: string;
  nothingPaid: string;
  uncounted: (count: number) => string;
  created: string;
  description: string;
  amount: string;
  payments: string;
  details: string;
  close: string;
  reference: string;
  expires: string;
  never: string;
  lastPayment: string;
  outcomes: Record<'approved' | 'rejected' | 'pending', string>;
  events: string;
  noEvents: string;
  eventsUnavailable: string;
  checkout: string;
  paymentsCount: (count: number, limit: number | null) => string;
}

export const workEn: WorkTerms = {
  proxyUrlInsecure:
    'Use an https:// address (http:// only for localhost): over http the API key would travel in clear.',
  notAProxy: 'This address answers, but not as a PayLink proxy. Check the URL (and its path).',
  guideTitle: 'Getting started',
  guideSteps: [
    'Enter the address of your PayLink proxy and an API key (npx paylink keys create).',
    'Save: the browser asks for access to that address only.',
    'Create links from the toolbar button, or right-click a price or a text field on any page.',
  ],
  messageFormat: 'Message with the link',
  messageFormatHint:
    'Used to insert and share a link. {amount}, {description}, {url} and {reference} are filled in.',
  defaultMessage: 'Pay {amount} — {description}: {url}',
  insertMenuTitle: 'Insert a payment link…',
  linksMenuTitle: 'All payment links',
  allLinks: 'All links',
  insertHint: 'Once created, the link goes into the field you right-clicked.',
  insertBlockedHint:
    'This page does not let extensions write into it: once created, the message goes to the clipboard.',
  inserted: 'Inserted into the page.',
  insertRefused: 'The page did not take the text. The message is on the clipboard: paste it there.',
  insertRefusedCopy: 'The page did not take the text. Copy the message and paste it there:',
  copyUrl: 'Copy link',
  copyMessage: 'Copy as message',
  copied: 'Copied.',
  copyFailed: 'Could not copy. Select the text and copy it.',
  whatsapp: 'WhatsApp',
  email: 'E-mail',
  emailSubject: 'Payment link',
  shareTitle: 'Share',
  cannotShare: 'This link’s address cannot be shared (it is not https).',
  linksTitle: 'Payment links',
  search: 'Search',
  status: 'Status',
  provider: 'Provider',
  allProviders: 'All',
  from: 'From',
  to: 'To',
  exportCsv: 'Export CSV',
  loadMore: 'Load more',
  loadAll: 'Load all',
  loading: 'Loading…',
  shown: (shown, loaded, more) =>
    `${shown} of ${loaded} loaded links${more ? ' (older ones not loaded yet)' : ''}.`,
  paidTotals: 'Paid',
  nothingPaid: 'nothing yet',
  uncounted: (count) => `${count} with no fixed amount not summed`,
  created: 'Created',
  description: 'Description',
  amount: 'Amount',
  payments: 'Payments',
  details: 'Details',
  close: 'Close',
  reference: 'Reference',
  expires: 'Expires',
  never: 'Never',
  lastPayment: 'Last payment',
  outcomes: { approved: 'approved', rejected: 'rejected', pending: 'pending' },
  events: 'Events',
  noEvents: 'No events yet.',
  eventsUnavailable: 'This proxy does not list events.',
  checkout: 'Checkout',
  paymentsCount: (count, limit) => (limit === null ? `${count}` : `${count} of ${limit}`),
};

export const workEs: WorkTerms = {
  proxyUrlInsecure:
    'Usa una dirección https:// (http:// solo para localhost): por http la clave de API viajaría sin cifrar.',
  notAProxy: 'Esta dirección responde, pero no como un proxy PayLink. Revisa la URL (y su ruta).',
  guideTitle: 'Primeros pasos',
  guideSteps: [
    'Escribe la dirección de tu proxy PayLink y una clave de API (npx paylink keys create).',
    'Guarda: el navegador pide acceso solo a esa dirección.',
    'Crea enlaces desde el botón de la barra, o con clic derecho en un precio o un campo de texto.',
  ],
  messageFormat: 'Mensaje con el enlace',
  messageFormatHint:
    'Para insertar y compartir un enlace. Se completan {amount}, {description}, {url} y {reference}.',
  defaultMessage: 'Paga {amount} — {description}: {url}',
  insertMenuTitle: 'Insertar un enlace de pago…',
  linksMenuTitle: 'Todos los enlaces de pago',
  allLinks: 'Todos los enlaces',
  insertHint: 'Al crearlo, el enlace va al campo donde hiciste clic derecho.',
  insertBlockedHint:
    'Esta página no deja que las extensiones escriban en ella: al crearlo, el mensaje irá al portapapeles.',
  inserted: 'Insertado en la página.',
  insertRefused: 'La página no aceptó el texto. El mensaje está en el portapapeles: pégalo allí.',
  insertRefusedCopy: 'La página no aceptó el texto. Copia el mensaje y pégalo allí:',
  copyUrl: 'Copiar enlace',
  copyMessage: 'Copiar como mensaje',
  copied: 'Copiado.',
  copyFailed: 'No se pudo copiar. Selecciona el texto y cópialo.',
  whatsapp: 'WhatsApp',
  email: 'Correo',
  emailSubject: 'Enlace de pago',
  shareTitle: 'Compartir',
  cannotShare: 'La dirección de este enlace no se puede compartir (no es https).',
  linksTitle: 'Enlaces de pago',
  search: 'Buscar',
  status: 'Estado',
  provider: 'Proveedor',
  allProviders: 'Todos',
  from: 'Desde',
  to: 'Hasta',
  exportCsv: 'Exportar CSV',
  loadMore: 'Cargar más',
  loadAll: 'Cargar todos',
  loading: 'Cargando…',
  shown: (shown, loaded, more) =>
    `${shown} de ${loaded} enlaces cargados${more ? ' (faltan los más antiguos)' : ''}.`,
  paidTotals: 'Pagado',
  nothingPaid: 'nada aún',
  uncounted: (count) => `${count} sin monto fijo no sumados`,
  created: 'Creado',
  description: 'Descripción',
  amount: 'Monto',
  payments: 'Pagos',
  details: 'Detalles',
  close: 'Cerrar',
  reference: 'Referencia',
  expires: 'Vence',
  never: 'Nunca',
  lastPayment: 'Último pago',
  outcomes: { approved: 'aprobado', rejected: 'rechazado', pending: 'pendiente' },
  events: 'Eventos',
  noEvents: 'Aún no hay eventos.',
  eventsUnavailable: 'Este proxy no lista eventos.',
  checkout: 'Pago',
  paymentsCount: (count, limit) => (limit === null ? `${count}` : `${count} de ${limit}`),
};

export const workPt: WorkTerms = {
  proxyUrlInsecure:
    'Use um endereço https:// (http:// só para localhost): por http a chave de API viajaria sem criptografia.',
  notAProxy: 'Este endereço responde, mas não como um proxy PayLink. Confira a URL (e o caminho).',
  guideTitle: 'Primeiros passos',
  guideSteps: [
    'Informe o endereço do seu proxy PayLink e uma chave de API (npx paylink keys create).',
    'Salve: o navegador pede acesso somente a esse endereço.',
    'Crie links pelo botão da barra, ou com o botão direito num preço ou campo de texto.',
  ],
  messageFormat: 'Mensagem com o link',
  messageFormatHint:
    'Para inserir e compartilhar um link. {amount}, {description}, {url} e {reference} são preenchidos.',
  defaultMessage: 'Pague {amount} — {description}: {url}',
  insertMenuTitle: 'Inserir um link de pagamento…',
  linksMenuTitle: 'Todos os links de pagamento',
  allLinks: 'Todos os links',
  insertHint: 'Ao criá-lo, o link vai para o campo em que você clicou com o botão direito.',
  insertBlockedHint:
    'Esta página não deixa extensões escreverem nela: ao criar, a mensagem vai para a área de transferência.',
  inserted: 'Inserido na página.',
  insertRefused: 'A página não aceitou o texto. A mensagem está na área de transferência: cole-a lá.',
  insertRefusedCopy: 'A página não aceitou o texto. Copie a mensagem e cole-a lá:',
  copyUrl: 'Copiar link',
  copyMessage: 'Copiar como mensagem',
  copied: 'Copiado.',
  copyFailed: 'Não foi possível copiar. Selecione o texto e copie-o.',
  whatsapp: 'WhatsApp',
  email: 'E-mail',
  emailSubject: 'Link de pagamento',
  shareTitle: 'Compartilhar',
  cannotShare: 'O endereço deste link não pode ser compartilhado (não é https).',
  linksTitle: 'Links de pagamento',
  search: 'Buscar',
  status: 'Status',
  provider: 'Provedor',
  allProviders: 'Todos',
  from: 'De',
  to: 'Até',
  exportCsv: 'Exportar CSV',
  loadMore: 'Carregar mais',
  loadAll: 'Carregar todos',
  loading: 'Carregando…',
  shown: (shown, loaded, more) =>
    `${shown} de ${loaded} links carregados${more ? ' (os mais antigos ainda não)' : ''}.`,
  paidTotals: 'Pago',
  nothingPaid: 'nada ainda',
  uncounted: (count) => `${count} sem valor fixo não somados`,
  created: 'Criado',
  description: 'Descrição',
  amount: 'Valor',
  payments: 'Pagamentos',
  details: 'Detalhes',
  close: 'Fechar',
  reference: 'Referência',
  expires: 'Expira',
  never: 'Nunca',
  lastPayment: 'Último pagamento',
  outcomes: { approved: 'aprovado', rejected: 'recusado', pending: 'pendente' },
  events: 'Eventos',
  noEvents: 'Nenhum evento ainda.',
  eventsUnavailable: 'Este proxy não lista eventos.',
  checkout: 'Pagamento',
  paymentsCount: (count, limit) => (limit === null ? `${count}` : `${count} de ${limit}`),
};

export const workId: WorkTerms = {
  proxyUrlInsecure:
    'Gunakan alamat https:// (http:// hanya untuk localhost): lewat http kunci API terkirim tanpa enkripsi.',
  notAProxy: 'Alamat ini menjawab, tetapi bukan sebagai proxy PayLink. Periksa URL-nya (dan path-nya).',
  guideTitle: 'Memulai',
  guideSteps: [
    'Masukkan alamat proxy PayLink Anda dan kunci API (npx paylink keys create).',
    'Simpan: browser meminta akses hanya ke alamat itu.',
    'Buat tautan dari tombol toolbar, atau klik kanan harga atau kolom teks di halaman mana pun.',
  ],
  messageFormat: 'Pesan dengan tautan',
  messageFormatHint:
    'Dipakai untuk menyisipkan dan membagikan tautan. {amount}, {description}, {url} dan {reference} diisi.',
  defaultMessage: 'Bayar {amount} — {description}: {url}',
  insertMenuTitle: 'Sisipkan tautan pembayaran…',
  linksMenuTitle: 'Semua tautan pembayaran',
  allLinks: 'Semua tautan',
  insertHint: 'Setelah dibuat, tautan masuk ke kolom yang Anda klik kanan.',
  insertBlockedHint:
    'Halaman ini tidak mengizinkan ekstensi menulis di dalamnya: setelah dibuat, pesan masuk ke papan klip.',
  inserted: 'Disisipkan ke halaman.',
  insertRefused: 'Halaman tidak menerima teks. Pesan ada di papan klip: tempelkan di sana.',
  insertRefusedCopy: 'Halaman tidak menerima teks. Salin pesan dan tempelkan di sana:',
  copyUrl: 'Salin tautan',
  copyMessage: 'Salin sebagai pesan',
  copied: 'Disalin.',
  copyFailed: 'Tidak dapat menyalin. Pilih teksnya lalu salin.',
  whatsapp: 'WhatsApp',
  email: 'E-mail',
  emailSubject: 'Tautan pembayaran',
  shareTitle: 'Bagikan',
  cannotShare: 'Alamat tautan ini tidak dapat dibagikan (bukan https).',
  linksTitle: 'Tautan pembayaran',
  search: 'Cari',
  status: 'Status',
  provider: 'Penyedia',
  allProviders: 'Semua',
  from: 'Dari',
  to: 'Sampai',
  exportCsv: 'Ekspor CSV',
  loadMore: 'Muat lagi',
  loadAll: 'Muat semua',
  loading: 'Memuat…',
  shown: (shown, loaded, more) =>
    `${shown} dari ${loaded} tautan dimuat${more ? ' (yang lebih lama belum dimuat)' : ''}.`,
  paidTotals: 'Dibayar',
  nothingPaid: 'belum ada',
  uncounted: (count) => `${count} tanpa jumlah tetap tidak dijumlahkan`,
  created: 'Dibuat',
  description: 'Deskripsi',
  amount: 'Jumlah',
  payments: 'Pembayaran',
  details: 'Detail',
  close: 'Tutup',
  reference: 'Referensi',
  expires: 'Kedaluwarsa',
  never: 'Tidak pernah',
  lastPayment: 'Pembayaran terakhir',
  outcomes: { approved: 'disetujui', rejected: 'ditolak', pending: 'tertunda' },
  events: 'Peristiwa',
  noEvents: 'Belum ada peristiwa.',
  eventsUnavailable: 'Proxy ini tidak mencantumkan peristiwa.',
  checkout: 'Pembayaran',
  paymentsCount: (count, limit) => (limit === null ? `${count}` : `${count} dari ${limit}`),
};
