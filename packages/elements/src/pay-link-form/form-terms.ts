/** What `<pay-link-form>` says, per language (kept apart from the public elements' terms, which ship in paylink.js). */
export interface FormTerms {
  provider: string;
  amount: string;
  currency: string;
  description: string;
  reference: string;
  expires: string;
  usageLimit: string;
  unlimited: string;
  single: string;
  email: string;
  create: string;
  creating: string;
  required: string;
  invalidAmount: string;
  invalidEmail: string;
  loadFailed: string;
  createFailed: string;
  badKey: string;
  originRefused: string;
  notAProxy: string;
  noProxy: string;
  localeRefused: (locale: string) => string;
}

const en: FormTerms = {
  provider: 'Provider',
  amount: 'Amount',
  currency: 'Currency',
  description: 'Description',
  reference: 'Reference',
  expires: 'Expires',
  usageLimit: 'Payments allowed',
  unlimited: 'Unlimited',
  single: 'One payment',
  email: 'Customer e-mail',
  create: 'Create link',
  creating: 'Creating…',
  required: 'Required.',
  invalidAmount: 'Enter an amount such as 1,500.00.',
  invalidEmail: 'Enter an e-mail address.',
  loadFailed: 'Could not reach the PayLink proxy.',
  createFailed: 'The link could not be created.',
  badKey: 'The proxy refused the API key. Check the key in the settings.',
  originRefused: 'The proxy does not accept this API key from this page.',
  notAProxy: 'This address is not a PayLink proxy. Check the proxy address.',
  noProxy: 'No PayLink proxy is set.',
  localeRefused: (locale) => `The provider cannot show its checkout in “${locale}”.`,
};

const es: FormTerms = {
  provider: 'Proveedor',
  amount: 'Monto',
  currency: 'Moneda',
  description: 'Descripción',
  reference: 'Referencia',
  expires: 'Vence',
  usageLimit: 'Pagos permitidos',
  unlimited: 'Sin límite',
  single: 'Un pago',
  email: 'Correo del cliente',
  create: 'Crear enlace',
  creating: 'Creando…',
  required: 'Obligatorio.',
  invalidAmount: 'Escribe un monto como 1.500,00.',
  invalidEmail: 'Escribe un correo electrónico.',
  loadFailed: 'No se pudo contactar el proxy de PayLink.',
  createFailed: 'No se pudo crear el enlace.',
  badKey: 'El proxy rechazó la clave de API. Revisa la clave en la configuración.',
  originRefused: 'El proxy no acepta esta clave de API desde esta página.',
  notAProxy: 'Esta dirección no es un proxy de PayLink. Revisa la dirección del proxy.',
  noProxy: 'No hay un proxy de PayLink configurado.',
  localeRefused: (locale) => `El proveedor no puede mostrar su pago en “${locale}”.`,
};

const pt: FormTerms = {
  provider: 'Provedor',
  amount: 'Valor',
  currency: 'Moeda',
  description: 'Descrição',
  reference: 'Referência',
  expires: 'Expira',
  usageLimit: 'Pagamentos permitidos',
  unlimited: 'Ilimitado',
  single: 'Um pagamento',
  email: 'E-mail do cliente',
  create: 'Criar link',
  creating: 'Criando…',
  required: 'Obrigatório.',
  invalidAmount: 'Digite um valor como 1.500,00.',
  invalidEmail: 'Digite um e-mail.',
  loadFailed: 'Não foi possível acessar o proxy PayLink.',
  createFailed: 'Não foi possível criar o link.',
  badKey: 'O proxy recusou a chave de API. Verifique a chave nas configurações.',
  originRefused: 'O proxy não aceita esta chave de API a partir desta página.',
  notAProxy: 'Este endereço não é um proxy PayLink. Verifique o endereço do proxy.',
  noProxy: 'Nenhum proxy PayLink configurado.',
  localeRefused: (locale) => `O provedor não pode mostrar o pagamento em “${locale}”.`,
};

const id: FormTerms = {
  provider: 'Penyedia',
  amount: 'Jumlah',
  currency: 'Mata uang',
  description: 'Deskripsi',
  reference: 'Referensi',
  expires: 'Kedaluwarsa',
  usageLimit: 'Pembayaran yang diizinkan',
  unlimited: 'Tanpa batas',
  single: 'Satu pembayaran',
  email: 'E-mail pelanggan',
  create: 'Buat tautan',
  creating: 'Membuat…',
  required: 'Wajib diisi.',
  invalidAmount: 'Masukkan jumlah seperti 1.500,00.',
  invalidEmail: 'Masukkan alamat e-mail.',
  loadFailed: 'Tidak dapat menghubungi proxy PayLink.',
  createFailed: 'Tautan tidak dapat dibuat.',
  badKey: 'Proxy menolak kunci API. Periksa kunci di pengaturan.',
  originRefused: 'Proxy tidak menerima kunci API ini dari halaman ini.',
  notAProxy: 'Alamat ini bukan proxy PayLink. Periksa alamat proxy.',
  noProxy: 'Belum ada proxy PayLink yang diatur.',
  localeRefused: (locale) => `Penyedia tidak dapat menampilkan pembayaran dalam “${locale}”.`,
};

const dictionaries: Record<string, FormTerms> = { en, es, pt, id, in: id };

/** The form's dictionary for a locale; English when there is none. */
export function formTermsFor(locale: string): FormTerms {
  return dictionaries[locale.split(/[-_]/)[0]!.toLowerCase()] ?? en;
}
