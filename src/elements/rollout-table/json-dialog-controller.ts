/**
 * The rollout table's built-in raw JSON dialog: what it shows (a title and a wire value, or
 * nothing), opening it as a modal after the render that fills it, closing it (button, Escape,
 * a click on the backdrop), and loading its <json-view> the first time it opens (not with the
 * table). The template is rollout-table.chrome.ts's renderDialog.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { renderDialog } from './rollout-table.chrome.js';

/** The raw JSON dialog's viewer, loaded the first time a dialog opens (not with the table). */
const loadJsonView = () => import('../json-view/json-view.define.js');

export class JsonDialogController implements ReactiveController {
  /** What the dialog shows; null when closed. */
  value: { title: string; value: unknown } | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: HTMLElement | DocumentFragment },
  ) {
    host.addController(this);
  }

  private get dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector('dialog');
  }

  open(title: string, value: unknown): void {
    void loadJsonView();
    this.value = { title, value };
    this.host.requestUpdate();
  }

  hostUpdated(): void {
    const d = this.dialog;
    if (d && this.value && !d.open) d.showModal();
  }

  private readonly close = (): void => {
    this.dialog?.close();
    this.value = null;
    this.host.requestUpdate();
  };

  private readonly onClose = (): void => {
    this.value = null;
    this.host.requestUpdate();
  };

  private readonly onBackdrop = (e: MouseEvent): void => {
    if (e.target === this.dialog) this.close();
  };

  render() {
    return renderDialog(this.value, this.onClose, this.onBackdrop, this.close);
  }
}
