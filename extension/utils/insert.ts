// The two functions the background runs in a page, through `scripting.executeScript`, when the
// person picks "Insert a payment link…" in an editable field. Each is serialized and run in the
// extension's isolated world of that frame, so they reference nothing outside themselves. The first
// remembers the field and the caret (the create window takes the focus away); the second puts the
// message there the way typing would, so the page's own input handling sees it.

/** What the capture remembers, in the isolated world's global (shared by both calls in a frame). */
interface Remembered {
  element: Element;
  /** Text fields: the selection's offsets. */
  start?: number;
  end?: number;
  /** contenteditable: the selection's range. */
  range?: Range;
}

/** Remembers the focused editable field and its selection; answers the selected text. */
export function captureTarget(): { editable: boolean; selection: string } {
  const store = globalThis as unknown as { paylinkInsertTarget?: Remembered };
  let element: Element | null = document.activeElement;
  // The focus inside open shadow roots (web apps' custom editors).
  while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement) {
    const start = element.selectionStart ?? element.value.length;
    const end = element.selectionEnd ?? start;
    store.paylinkInsertTarget = { element, start, end };
    return { editable: true, selection: element.value.slice(start, end) };
  }
  if (element instanceof HTMLElement && element.isContentEditable) {
    const selection = document.getSelection();
    const range =
      selection && selection.rangeCount > 0 && element.contains(selection.getRangeAt(0).startContainer)
        ? selection.getRangeAt(0).cloneRange()
        : undefined;
    store.paylinkInsertTarget = { element, range };
    return { editable: true, selection: range?.toString() ?? '' };
  }
  store.paylinkInsertTarget = undefined;
  return { editable: false, selection: String(document.getSelection() ?? '') };
}

/**
 * Inserts `text` where the caret was when the field was captured (after the selection, if there was
 * one; at the end if nothing was captured; in text fields with a space before it when it would
 * stick to a word). First as typing
 * does (`execCommand('insertText')`: `beforeinput` and `input` fire, undo works, editors such as
 * WhatsApp's and Gmail's take it); where the page refuses that, by setting the value or the DOM
 * and firing `input` itself. Answers whether the text is in the field.
 */
export function insertText(text: string): { inserted: boolean; reason?: string } {
  const store = globalThis as unknown as { paylinkInsertTarget?: Remembered };
  const target = store.paylinkInsertTarget;
  store.paylinkInsertTarget = undefined;
  const element = target?.element;
  if (!element?.isConnected) return { inserted: false, reason: 'field-gone' };
  if (!(element instanceof HTMLElement)) return { inserted: false, reason: 'not-editable' };
  element.focus();
  if (element instanceof HTMLTextAreaElement || element instanceof HTMLInputElement) {
    if (element.readOnly || element.disabled) return { inserted: false, reason: 'read-only' };
    const before = element.value;
    // After the selection (an amount the merchant selected stays): the merchant's text is never replaced.
    const at = Math.min(target?.end ?? before.length, before.length);
    const spaced = at > 0 && !/\s/.test(before[at - 1]!) ? ` ${text}` : text;
    element.setSelectionRange(at, at);
    if (document.execCommand('insertText', false, spaced) && element.value !== before) {
      return { inserted: true };
    }
    element.setRangeText(spaced, at, at, 'end');
    element.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: spaced }));
    element.dispatchEvent(new Event('change', { bubbles: true }));
    return { inserted: element.value.includes(text) };
  }
  if (!element.isContentEditable) return { inserted: false, reason: 'not-editable' };
  const selection = document.getSelection();
  const range = target?.range ?? document.createRange();
  if (!target?.range) range.selectNodeContents(element);
  range.collapse(false); // after the selection, as in text fields
  selection?.removeAllRanges();
  selection?.addRange(range);
  const before = element.textContent ?? '';
  if (document.execCommand('insertText', false, text) && (element.textContent ?? '') !== before) {
    return { inserted: true };
  }
  range.deleteContents();
  const node = document.createTextNode(text);
  range.insertNode(node);
  range.setStartAfter(node);
  range.collapse(true);
  selection?.removeAllRanges();
  selection?.addRange(range);
  element.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  return { inserted: (element.textContent ?? '').includes(text) };
}
