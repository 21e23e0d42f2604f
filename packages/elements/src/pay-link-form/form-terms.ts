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
};

const dictionaries: Record<string, FormTerms> = { en, es, pt, id, in: id };

/** The form's dictionary for a locale; English when there is none. */
export function formTermsFor(locale: string): FormTerms {
  return dictionaries[locale.split(/[-_]/)[0]!.toLowerCase()] ?? en;
}
