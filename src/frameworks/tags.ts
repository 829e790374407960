/**
 * Each Telltale tag's props and events as types, for the framework typings (react.ts, vue.ts).
 * Derived from the element classes and their .events.ts modules, not written by hand, so a new
 * property or event class is typed in every framework as soon as it exists.
 */
import type { LitElement } from 'lit';
import type * as ClientList from '../elements/client-list/client-list.events.js';
import type * as ConnectionStatus from '../elements/connection-status/connection-status.events.js';
import type * as JsonView from '../elements/json-view/json-view.events.js';
import type * as LiveActivity from '../elements/live-activity/live-activity.events.js';
import type * as LogConsole from '../elements/log-console/log-console.events.js';
import type * as ResourcesView from '../elements/resources-view/resources-view.events.js';
import type * as RolloutTable from '../elements/rollout-table/rollout-table.events.js';
import type * as SettingsPanel from '../elements/settings-panel/settings-panel.events.js';
import type * as StorageOverview from '../elements/storage-overview/storage-overview.events.js';
import type * as TraceView from '../elements/trace-view/trace-view.events.js';
import type * as WorkerBoard from '../elements/worker-board/worker-board.events.js';
import type { ClientList as ClientListElement } from '../elements/client-list/client-list.js';
import type { ConnectionStatus as ConnectionStatusElement } from '../elements/connection-status/connection-status.js';
import type { JsonView as JsonViewElement } from '../elements/json-view/json-view.js';
import type { LiveActivity as LiveActivityElement } from '../elements/live-activity/live-activity.js';
import type { LogConsole as LogConsoleElement } from '../elements/log-console/log-console.js';
import type { ResourcesView as ResourcesViewElement } from '../elements/resources-view/resources-view.js';
import type { RolloutTable as RolloutTableElement } from '../elements/rollout-table/rollout-table.js';
import type { SettingsPanel as SettingsPanelElement } from '../elements/settings-panel/settings-panel.js';
import type { StorageOverview as StorageOverviewElement } from '../elements/storage-overview/storage-overview.js';
import type { TelltaleProvider as TelltaleProviderElement } from '../elements/telltale-provider/telltale-provider.js';
import type { TraceView as TraceViewElement } from '../elements/trace-view/trace-view.js';
import type { WorkerBoard as WorkerBoardElement } from '../elements/worker-board/worker-board.js';

/** Every Telltale tag and its class (as the .define modules register them). */
export interface TelltaleElements {
  'client-list': ClientListElement;
  'connection-status': ConnectionStatusElement;
  'json-view': JsonViewElement;
  'live-activity': LiveActivityElement;
  'log-console': LogConsoleElement;
  'resources-view': ResourcesViewElement;
  'rollout-table': RolloutTableElement;
  'settings-panel': SettingsPanelElement;
  'storage-overview': StorageOverviewElement;
  'telltale-provider': TelltaleProviderElement;
  'trace-view': TraceViewElement;
  'worker-board': WorkerBoardElement;
}

/** An event class's name: its static `eventName` (or `type`, in the older event modules). */
type NameOf<C> = C extends { readonly eventName: infer N extends string } ? N : C extends { readonly type: infer N extends string } ? N : never;

/** The events a module's event classes dispatch, by name. */
type EventsOf<M> = {
  [K in keyof M as NameOf<M[K]>]: M[K] extends abstract new (...args: never[]) => infer I ? I : never;
};

/** Every Telltale tag with the events it dispatches. */
export interface TelltaleEventMaps {
  'client-list': EventsOf<typeof ClientList>;
  'connection-status': EventsOf<typeof ConnectionStatus>;
  'json-view': EventsOf<typeof JsonView>;
  'live-activity': EventsOf<typeof LiveActivity>;
  'log-console': EventsOf<typeof LogConsole>;
  'resources-view': EventsOf<typeof ResourcesView>;
  'rollout-table': EventsOf<typeof RolloutTable>;
  'settings-panel': EventsOf<typeof SettingsPanel>;
  'storage-overview': EventsOf<typeof StorageOverview>;
  'telltale-provider': {};
  'trace-view': EventsOf<typeof TraceView>;
  'worker-board': EventsOf<typeof WorkerBoard>;
}

export type TelltaleTag = keyof TelltaleElements;

type IfEquals<X, Y, A, B> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;
/** Keys that can be assigned (not getters, not readonly fields). */
type WritableKeys<T> = { [P in keyof T]-?: IfEquals<{ [Q in P]: T[P] }, { -readonly [Q in P]: T[P] }, P, never> }[keyof T];

/**
 * A tag's public, settable properties (camelCase), each optional: what a framework may pass.
 * LitElement's and HTMLElement's own members are left to the framework's HTML attribute types.
 */
export type TelltaleProps<T extends TelltaleTag> = {
  [K in Exclude<WritableKeys<TelltaleElements[T]>, keyof LitElement>]?: TelltaleElements[T][K];
};

/** 'rollout-view-traces' → 'RolloutViewTraces'. */
export type Pascal<S extends string> = S extends `${infer A}-${infer B}` ? `${Capitalize<A>}${Pascal<B>}` : Capitalize<S>;
