// The matrix page (frameworks/README.md) in Angular: `[property]` bindings set DOM properties (so
// `false` is false), `(paylink-…)` listens to the elements' events, typed through
// HTMLElementEventMap. CUSTOM_ELEMENTS_SCHEMA lets the template use the pay-link-* tags.
import '@paylink/elements/define';
import { Component, CUSTOM_ELEMENTS_SCHEMA, signal } from '@angular/core';
import type { LinkStatusView } from '@paylink/core';
import type { PayLinkErrorDetail } from '@paylink/elements';

const params = new URLSearchParams(location.search);

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <main>
      <pay-link-button id="with-description" [proxy]="proxy" [link]="link" [locale]="locale()" [showDescription]="true" />
      <pay-link-button id="without-description" [proxy]="proxy" [link]="link" [showDescription]="false" />
      <button id="spanish" type="button" (click)="locale.set('es')">Español</button>
      <pay-link-status
        id="status"
        [proxy]="proxy"
        [link]="link"
        (paylink-status-change)="onStatus($event)"
        (paylink-paid)="onPaid($event)"
      />
      <pay-link-status id="broken" [proxy]="proxy" [link]="broken" (paylink-error)="onError($event)" />
      <p>Status: <output id="log-status">{{ status() }}</output></p>
      <p>Paid: <output id="log-paid">{{ paid() }}</output></p>
      <p>Error: <output id="log-error">{{ error() }}</output></p>
    </main>
  `,
})
export class App {
  protected readonly proxy = params.get('proxy') ?? '';
  protected readonly link = params.get('link') ?? '';
  protected readonly broken = params.get('broken') ?? '';
  protected readonly locale = signal('en');
  protected readonly status = signal('');
  protected readonly paid = signal('');
  protected readonly error = signal('');

  protected onStatus(event: CustomEvent<LinkStatusView>): void {
    this.status.set(event.detail.status);
  }
  protected onPaid(event: CustomEvent<LinkStatusView>): void {
    this.paid.set(event.detail.id);
  }
  protected onError(event: CustomEvent<PayLinkErrorDetail>): void {
    this.error.set(event.detail.message);
  }
}
