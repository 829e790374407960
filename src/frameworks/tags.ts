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
// The tag → class map (HTMLElementTagNameMap) comes from the .define modules.
import type {} from '../elements/client-list/client-list.define.js';
import type {} from '../elements/connection-status/connection-status.define.js';
import type {} from '../elements/json-view/json-view.define.js';
import type {} from '../elements/live-activity/live-activity.define.js';
import type {} from '../elements/log-console/log-console.define.js';
import type {} from '../elements/resources-view/resources-view.define.js';
import type {} from '../elements/rollout-table/rollout-table.define.js';
import type {} from '../elements/settings-panel/settings-panel.define.js';
import type {} from '../elements/storage-overview/storage-overview.define.js';
import type {} from '../elements/telltale-provider/telltale-provider.define.js';
import type {} from '../elements/trace-view/trace-view.define.js';
import type {} from '../elements/worker-board/worker-board.define.js';

/** The events a module's event classes dispatch, by name (each class has a static `eventName`). */
type EventsOf<M> = {
  [K in keyof M as M[K] extends { readonly eventName: infer N extends string } ? N : never]: M[K] extends abstract new (...args: never[]) => infer I ? I : never;
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

export type TelltaleTag = keyof TelltaleEventMaps;

type IfEquals<X, Y, A, B> = (<T>() => T extends X ? 1 : 2) extends <T>() => T extends Y ? 1 : 2 ? A : B;
/** Keys that can be assigned (not getters, not readonly fields). */
type WritableKeys<T> = { [P in keyof T]-?: IfEquals<{ [Q in P]: T[P] }, { -readonly [Q in P]: T[P] }, P, never> }[keyof T];

/**
 * A tag's public, settable properties (camelCase), each optional: what a framework may pass.
 * LitElement's and HTMLElement's own members are left to the framework's HTML attribute types.
 */
export type TelltaleProps<T extends TelltaleTag> = {
  [K in Exclude<WritableKeys<HTMLElementTagNameMap[T]>, keyof LitElement>]?: HTMLElementTagNameMap[T][K];
};

/** 'rollout-view-traces' → 'RolloutViewTraces'. */
export type Pascal<S extends string> = S extends `${infer A}-${infer B}` ? `${Capitalize<A>}${Pascal<B>}` : Capitalize<S>;
