/**
 * The base of every Telltale element: finds its hub and settings.
 * Precedence: an explicit `.hub` property, then a provider's context, then the page's default hub.
 * Settings come from a provider's context, else the page's settings store.
 */
import { LitElement, isServer, type CSSResultOrNative, type ReactiveController } from 'lit';
import { property, state } from 'lit/decorators.js';
import { consume } from '@lit/context';
import type { Subscription } from 'rxjs';
import { hubContext, settingsContext, type Settings } from '../../streams/context.js';
import { getDefaultHub } from '../../streams/hub.js';
import { pageSettings$, resolveBaseUrl } from '../../streams/settings-store.js';
import type { HubLike } from '../../streams/types.js';
import { LazyPart } from './lazy-part.js';

export class TelltaleElement extends LitElement {
  /** The stream hub to read through. Wins over any provider and the page default. */
  @property({ attribute: false }) hub?: HubLike;

  /**
   * Where the page's settings are (e.g. `/settings`): an element that cannot reach its server
   * links there from its error state, so the backend address can be corrected.
   */
  @property({ attribute: 'settings-href' }) settingsHref: string | null = null;

  @consume({ context: hubContext, subscribe: true })
  @state()
  protected contextHub?: HubLike;

  @consume({ context: settingsContext, subscribe: true })
  @state()
  protected contextSettings?: Settings;

  @state() protected pageSettings: Settings = pageSettings$.value;
  private pageSettingsSub?: Subscription;
  private lazyParts?: LazyPart<{ styles: readonly CSSResultOrNative[] }>[];

  override connectedCallback(): void {
    // Server-rendered (a declarative shadow root from Lit SSR): hydrate now, from the state the
    // server rendered with, before the controllers connect and their sources report a status
    // the server never saw (the first client render must match the server's HTML).
    if (!isServer && this.shadowRoot && !this.hasUpdated && this.isUpdatePending) {
      (this as { renderRoot: HTMLElement | DocumentFragment }).renderRoot ??= this.createRenderRoot();
      this.performUpdate();
    }
    super.connectedCallback();
    this.pageSettingsSub = pageSettings$.subscribe((s) => (this.pageSettings = s));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.pageSettingsSub?.unsubscribe();
  }

  /**
   * A part of the element loaded after its first paint (lazy-part.ts: a dynamic import, its
   * styles adopted when it arrives), named by its module's file name: when the element connects,
   * or with `onUse` only when a render first needs it. `updateComplete` waits for it whenever a render needed it.
   */
  protected lazyPart<M extends { styles: readonly CSSResultOrNative[] }>(name: string, load: () => Promise<M>, { onUse = false } = {}): LazyPart<M> {
    return new LazyPart(this, name, load, onUse);
  }

  /** A lazy part added by a controller (e.g. the row keyboard's) counts too: `updateComplete` waits for it when needed. @internal */
  override addController(c: ReactiveController): void {
    super.addController(c);
    if (c instanceof LazyPart) (this.lazyParts ??= []).push(c);
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.lazyParts && (await Promise.all(this.lazyParts.map((p) => p.whenNeeded()))).includes(true)) done = await super.getUpdateComplete();
    return done;
  }

  /** The hub this element reads through. */
  get effectiveHub(): HubLike {
    return this.hub ?? this.contextHub ?? getDefaultHub();
  }

  /** The settings in force for this element. */
  get settings(): Settings {
    return this.contextSettings ?? this.pageSettings;
  }

  /** An explicit attribute value wins; else the settings' backend address; else the page origin. */
  protected resolveBase(explicit: string | null | undefined): string {
    return resolveBaseUrl(explicit ?? this.settings.baseUrl);
  }
}
