// The matrix page (frameworks/README.md): the elements from the npm package, bound with plain DOM
// code. `?proxy=…&link=…&broken=…` come from the matrix test.
import './elements.ts';

const params = new URLSearchParams(location.search);
const proxy = params.get('proxy') ?? '';
const link = params.get('link') ?? '';
const broken = params.get('broken') ?? '';

const app = document.querySelector<HTMLElement>('#app')!;
app.innerHTML = `
  <pay-link-button id="with-description"></pay-link-button>
  <pay-link-button id="without-description"></pay-link-button>
  <button id="spanish" type="button">Español</button>
  <pay-link-status id="status"></pay-link-status>
  <pay-link-status id="broken"></pay-link-status>
  <p>Status: <output id="log-status"></output></p>
  <p>Paid: <output id="log-paid"></output></p>
  <p>Error: <output id="log-error"></output></p>
`;

const withDescription = document.querySelector('#with-description') as HTMLElementTagNameMap['pay-link-button'];
const withoutDescription = document.querySelector(
  '#without-description',
) as HTMLElementTagNameMap['pay-link-button'];
const status = document.querySelector('#status') as HTMLElementTagNameMap['pay-link-status'];
const brokenStatus = document.querySelector('#broken') as HTMLElementTagNameMap['pay-link-status'];
const log = (id: string, text: string) => {
  document.querySelector(`#${id}`)!.textContent = text;
};

// Attributes for the strings, properties for the booleans.
for (const element of [withDescription, withoutDescription, status]) {
  element.setAttribute('proxy', proxy);
  element.setAttribute('link', link);
}
withDescription.showDescription = true;
withoutDescription.showDescription = false;
brokenStatus.proxy = proxy;
brokenStatus.link = broken;

document.querySelector('#spanish')!.addEventListener('click', () => {
  withDescription.locale = 'es';
});
status.addEventListener('paylink-status-change', (event) => log('log-status', event.detail.status));
status.addEventListener('paylink-paid', (event) => log('log-paid', event.detail.id));
brokenStatus.addEventListener('paylink-error', (event) => log('log-error', event.detail.message));
