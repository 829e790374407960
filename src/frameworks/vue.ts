/**
 * Vue 3 template types for every Telltale tag (vue-tsc, `strictTemplates`):
 * `import type {} from 'telltale/vue'` once. Props are the elements' properties (a template's
 * `page-size` is checked as `pageSize`), events are typed (`@rollout-view-traces` gets a
 * RolloutViewTracesEvent), and with `strictTemplates` an unknown prop or event is an error.
 * The shape follows Vue's guide for typing non-Vue custom elements.
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { Pascal, TelltaleElements, TelltaleEventMaps, TelltaleProps, TelltaleTag } from './tags.js';

type Handlers<T extends TelltaleTag> = {
  [K in keyof TelltaleEventMaps[T] & string as `on${Pascal<K>}`]?: (event: TelltaleEventMaps[T][K]) => void;
};

/** One tag as Vue's template checker sees a component: its props and its emits. */
export type TelltaleVueComponent<T extends TelltaleTag> = new () => TelltaleElements[T] & {
  /** For template type checking only. */
  $props: TelltaleProps<T> & Handlers<T> & Omit<HTMLAttributes, keyof TelltaleProps<T>> & PublicProps;
  /** For template type checking only. */
  $emit: EmitFn<{ [K in keyof TelltaleEventMaps[T]]: (event: TelltaleEventMaps[T][K]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'client-list': TelltaleVueComponent<'client-list'>;
    'connection-status': TelltaleVueComponent<'connection-status'>;
    'json-view': TelltaleVueComponent<'json-view'>;
    'live-activity': TelltaleVueComponent<'live-activity'>;
    'log-console': TelltaleVueComponent<'log-console'>;
    'resources-view': TelltaleVueComponent<'resources-view'>;
    'rollout-table': TelltaleVueComponent<'rollout-table'>;
    'settings-panel': TelltaleVueComponent<'settings-panel'>;
    'storage-overview': TelltaleVueComponent<'storage-overview'>;
    'telltale-provider': TelltaleVueComponent<'telltale-provider'>;
    'trace-view': TelltaleVueComponent<'trace-view'>;
    'worker-board': TelltaleVueComponent<'worker-board'>;
  }
}
