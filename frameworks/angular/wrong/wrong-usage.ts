// Must NOT type-check (the matrix test asserts it fails): Angular does not check the attributes of
// custom elements in templates (CUSTOM_ELEMENTS_SCHEMA), so the typings guard the code that sets
// their properties: `mode` is 'auto' | 'poll' | 'sse'.
import '@paylink/elements/define';
import { Component, CUSTOM_ELEMENTS_SCHEMA, type ElementRef, viewChild } from '@angular/core';

@Component({
  selector: 'app-wrong',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `<pay-link-status #status link="pl_x" />`,
})
export class WrongUsage {
  private readonly status = viewChild.required<ElementRef<HTMLElementTagNameMap['pay-link-status']>>('status');

  protected poll(): void {
    this.status().nativeElement.mode = 'sometimes';
  }
}
