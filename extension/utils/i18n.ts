import { type WorkTerms, workEn, workEs, workId, workPt } from './i18n-work.ts';

/** What the extension's own pages and notifications say (the elements bring their own texts). */
interface BaseTerms {
  settings: string;
  proxyUrl: string;
  proxyUrlHint: string;
  apiKey: string;
  apiKeyHint: string;
  save: string;
  saved: string;
  testConnection: string;
  testing: string;
  connected: (providers: string) => string;
  defaults: string;
  defaultProvider: string;
  defaultCurrency: string;
  defaultExpiry: string;
  firstProvider: string;
  defaultCurrencyHint: string;
  invalidCurrency: string;
  noExpiry: string;
  hours: (count: number) => string;
  invalidUrl: string;
  permissionDenied: string;
  unauthorized: string;
  unreachable: string;
  /** The proxy refused the key from the extension's origin; how to allow it. */
  originRefused: (origin: string) => string;
  notConfigured: string;
  openSettings: string;
  newLink: string;
  linkCreated: string;
  shareByEmail: string;
  send: string;
  sent: string;
  recent: string;
  filter: string;
  allStatuses: string;
  statuses: Record<'open' | 'pending' | 'paid' | 'expired' | 'disabled', string>;
  disable: string;
  noLinks: string;
  loadFailed: string;
  menuTitle: string;
  paidTitle: string;
  paidMessage: (amount: string, description: string) => string;
}

const en: BaseTerms = {
  settings: 'Settings',
  proxyUrl: 'Proxy URL',
  proxyUrlHint: 'Where your PayLink proxy runs, e.g. https://pay.example.com',
  apiKey: 'API key',
  apiKeyHint: 'Kept in this browser’s extension storage; web pages never see it.',
  save: 'Save',
  saved: 'Saved.',
  testConnection: 'Test connection',
  testing: 'Testing…',
  connected: (providers) => `Connected. Providers: ${providers}.`,
  defaults: 'Defaults for new links',
  defaultProvider: 'Provider',
  defaultCurrency: 'Currency',
  defaultExpiry: 'Expires after',
  firstProvider: 'The first one listed',
  defaultCurrencyHint: 'An ISO code such as USD; empty for the form’s own default.',
  invalidCurrency: 'Enter a currency code such as USD.',
  noExpiry: 'No expiry',
  hours: (count) =>
    count === 1
      ? '1 hour'
      : count === 24
        ? '1 day'
        : count % 24 === 0
          ? `${count / 24} days`
          : `${count} hours`,
  invalidUrl: 'Enter the proxy’s https:// address.',
  permissionDenied: 'Without access to the proxy’s address the extension cannot reach it.',
  unauthorized: 'The proxy does not know this API key.',
  unreachable: 'Could not reach the proxy at this address.',
  originRefused: (origin) =>
    `The proxy refuses this key from the extension (${origin}). Allow that origin: npx paylink keys create --origins ${origin}, or PAYLINK_ALLOWED_ORIGINS=${origin}.`,
  notConfigured: 'Set your proxy URL and API key first.',
  openSettings: 'Open settings',
  newLink: 'New link',
  linkCreated: 'Link created',
  shareByEmail: 'Send by e-mail',
  send: 'Send',
  sent: 'Sent.',
  recent: 'Recent links',
  filter: 'Filter',
  allStatuses: 'All',
  statuses: { open: 'Open', pending: 'In progress', paid: 'Paid', expired: 'Expired', disabled: 'Disabled' },
  disable: 'Disable',
  noLinks: 'No links yet.',
  loadFailed: 'Could not load the links.',
  menuTitle: 'Create payment link for “%s”',
  paidTitle: 'Payment received',
  paidMessage: (amount, description) => `${amount} — ${description}`,
};

const es: BaseTerms = {
  settings: 'Ajustes',
  proxyUrl: 'URL del proxy',
  proxyUrlHint: 'Dónde corre tu proxy PayLink, p. ej. https://pay.example.com',
  apiKey: 'Clave de API',
  apiKeyHint: 'Se guarda en el almacenamiento de la extensión; las páginas web nunca la ven.',
  save: 'Guardar',
  saved: 'Guardado.',
  testConnection: 'Probar conexión',
  testing: 'Probando…',
  connected: (providers) => `Conectado. Proveedores: ${providers}.`,
  defaults: 'Valores por defecto de los enlaces',
  defaultProvider: 'Proveedor',
  defaultCurrency: 'Moneda',
  defaultExpiry: 'Vence después de',
  firstProvider: 'El primero de la lista',
  defaultCurrencyHint: 'Un código ISO como USD; vacío para el valor del formulario.',
  invalidCurrency: 'Escribe un código de moneda como USD.',
  noExpiry: 'Sin vencimiento',
  hours: (count) =>
    count === 1
      ? '1 hora'
      : count === 24
        ? '1 día'
        : count % 24 === 0
          ? `${count / 24} días`
          : `${count} horas`,
  invalidUrl: 'Escribe la dirección https:// del proxy.',
  permissionDenied: 'Sin acceso a la dirección del proxy la extensión no puede contactarlo.',
  unauthorized: 'El proxy no conoce esta clave de API.',
  unreachable: 'No se pudo contactar el proxy en esta dirección.',
  originRefused: (origin) =>
    `El proxy rechaza esta clave desde la extensión (${origin}). Permite ese origen: npx paylink keys create --origins ${origin}, o PAYLINK_ALLOWED_ORIGINS=${origin}.`,
  notConfigured: 'Primero configura la URL del proxy y la clave de API.',
  openSettings: 'Abrir ajustes',
  newLink: 'Nuevo enlace',
  linkCreated: 'Enlace creado',
  shareByEmail: 'Enviar por correo',
  send: 'Enviar',
  sent: 'Enviado.',
  recent: 'Enlaces recientes',
  filter: 'Filtrar',
  allStatuses: 'Todos',
  statuses: {
    open: 'Abierto',
    pending: 'En curso',
    paid: 'Pagado',
    expired: 'Vencido',
    disabled: 'Desactivado',
  },
  disable: 'Desactivar',
  noLinks: 'Aún no hay enlaces.',
  loadFailed: 'No se pudieron cargar los enlaces.',
  menuTitle: 'Crear enlace de pago por «%s»',
  paidTitle: 'Pago recibido',
  paidMessage: (amount, description) => `${amount} — ${description}`,
};

const pt: BaseTerms = {
  settings: 'Configurações',
  proxyUrl: 'URL do proxy',
  proxyUrlHint: 'Onde roda seu proxy PayLink, ex. https://pay.example.com',
  apiKey: 'Chave de API',
  apiKeyHint: 'Fica no armazenamento da extensão; páginas web nunca a veem.',
  save: 'Salvar',
  saved: 'Salvo.',
  testConnection: 'Testar conexão',
  testing: 'Testando…',
  connected: (providers) => `Conectado. Provedores: ${providers}.`,
  defaults: 'Padrões dos novos links',
  defaultProvider: 'Provedor',
  defaultCurrency: 'Moeda',
  defaultExpiry: 'Expira depois de',
  firstProvider: 'O primeiro da lista',
  defaultCurrencyHint: 'Um código ISO como USD; vazio para o padrão do formulário.',
  invalidCurrency: 'Digite um código de moeda como USD.',
  noExpiry: 'Sem expiração',
  hours: (count) =>
    count === 1
      ? '1 hora'
      : count === 24
        ? '1 dia'
        : count % 24 === 0
          ? `${count / 24} dias`
          : `${count} horas`,
  invalidUrl: 'Digite o endereço https:// do proxy.',
  permissionDenied: 'Sem acesso ao endereço do proxy a extensão não consegue acessá-lo.',
  unauthorized: 'O proxy não conhece esta chave de API.',
  unreachable: 'Não foi possível acessar o proxy neste endereço.',
  originRefused: (origin) =>
    `O proxy recusa esta chave vinda da extensão (${origin}). Permita essa origem: npx paylink keys create --origins ${origin}, ou PAYLINK_ALLOWED_ORIGINS=${origin}.`,
  notConfigured: 'Configure primeiro a URL do proxy e a chave de API.',
  openSettings: 'Abrir configurações',
  newLink: 'Novo link',
  linkCreated: 'Link criado',
  shareByEmail: 'Enviar por e-mail',
  send: 'Enviar',
  sent: 'Enviado.',
  recent: 'Links recentes',
  filter: 'Filtrar',
  allStatuses: 'Todos',
  statuses: {
    open: 'Aberto',
    pending: 'Em andamento',
    paid: 'Pago',
    expired: 'Expirado',
    disabled: 'Desativado',
  },
  disable: 'Desativar',
  noLinks: 'Nenhum link ainda.',
  loadFailed: 'Não foi possível carregar os links.',
  menuTitle: 'Criar link de pagamento para “%s”',
  paidTitle: 'Pagamento recebido',
  paidMessage: (amount, description) => `${amount} — ${description}`,
};

const id: BaseTerms = {
  settings: 'Pengaturan',
  proxyUrl: 'URL proxy',
  proxyUrlHint: 'Alamat proxy PayLink Anda, mis. https://pay.example.com',
  apiKey: 'Kunci API',
  apiKeyHint: 'Disimpan di penyimpanan ekstensi; halaman web tidak pernah melihatnya.',
  save: 'Simpan',
  saved: 'Tersimpan.',
  testConnection: 'Uji koneksi',
  testing: 'Menguji…',
  connected: (providers) => `Terhubung. Penyedia: ${providers}.`,
  defaults: 'Bawaan untuk tautan baru',
  defaultProvider: 'Penyedia',
  defaultCurrency: 'Mata uang',
  defaultExpiry: 'Kedaluwarsa setelah',
  firstProvider: 'Yang pertama di daftar',
  defaultCurrencyHint: 'Kode ISO seperti USD; kosongkan untuk bawaan formulir.',
  invalidCurrency: 'Masukkan kode mata uang seperti USD.',
  noExpiry: 'Tanpa kedaluwarsa',
  hours: (count) => (count % 24 === 0 && count > 1 ? `${count / 24} hari` : `${count} jam`),
  invalidUrl: 'Masukkan alamat https:// proxy.',
  permissionDenied: 'Tanpa akses ke alamat proxy, ekstensi tidak dapat menghubunginya.',
  unauthorized: 'Proxy tidak mengenal kunci API ini.',
  unreachable: 'Tidak dapat menghubungi proxy di alamat ini.',
  originRefused: (origin) =>
    `Proxy menolak kunci ini dari ekstensi (${origin}). Izinkan origin itu: npx paylink keys create --origins ${origin}, atau PAYLINK_ALLOWED_ORIGINS=${origin}.`,
  notConfigured: 'Atur URL proxy dan kunci API terlebih dahulu.',
  openSettings: 'Buka pengaturan',
  newLink: 'Tautan baru',
  linkCreated: 'Tautan dibuat',
  shareByEmail: 'Kirim lewat e-mail',
  send: 'Kirim',
  sent: 'Terkirim.',
  recent: 'Tautan terbaru',
  filter: 'Saring',
  allStatuses: 'Semua',
  statuses: {
    open: 'Terbuka',
    pending: 'Diproses',
    paid: 'Dibayar',
    expired: 'Kedaluwarsa',
    disabled: 'Dinonaktifkan',
  },
  disable: 'Nonaktifkan',
  noLinks: 'Belum ada tautan.',
  loadFailed: 'Tidak dapat memuat tautan.',
  menuTitle: 'Buat tautan pembayaran untuk “%s”',
  paidTitle: 'Pembayaran diterima',
  paidMessage: (amount, description) => `${amount} — ${description}`,
};

export type ExtensionTerms = BaseTerms & WorkTerms;

const dictionaries: Record<string, ExtensionTerms> = {
  en: { ...en, ...workEn },
  es: { ...es, ...workEs },
  pt: { ...pt, ...workPt },
  id: { ...id, ...workId },
};

/** The language subtag we have a dictionary for (`in` is the old code for Indonesian); else `en`. */
export function languageOf(locale: string): 'en' | 'es' | 'pt' | 'id' {
  const tag = locale.split(/[-_]/)[0]!.toLowerCase();
  const lang = tag === 'in' ? 'id' : tag;
  return lang === 'es' || lang === 'pt' || lang === 'id' ? lang : 'en';
}

/** The terms for a BCP 47 locale, English when we have no dictionary for its language. */
export function termsFor(locale: string): ExtensionTerms {
  return dictionaries[languageOf(locale)] ?? dictionaries.en!;
}

/** The browser's UI language (pages, the service worker and tests all have `navigator`). */
export function uiLocale(): string {
  return globalThis.navigator?.language || 'en';
}
