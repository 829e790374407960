/**
 * React 19 JSX types for every Telltale tag: `import type {} from 'telltale/react'` once (or
 * list it in tsconfig's `types`). Properties are checked by name and type (camelCase:
 * `baseUrl`, `pageSize`, `rollouts`; React 19 sets them as properties), and each event handler
 * by its event (`onrollout-view-traces={(e) => e.detail.rollout}`: React 19 listens for the
 * name after `on` as written). Names with a dash are never checked by TypeScript in JSX, so a
 * typo in a kebab-case attribute or an event name passes: prefer the camelCase properties.
 */
import type { HTMLAttributes, RefAttributes } from 'react';
import type { TelltaleElements, TelltaleEventMaps, TelltaleProps, TelltaleTag } from './tags.js';

type Handlers<T extends TelltaleTag> = {
  [K in keyof TelltaleEventMaps[T] & string as `on${K}`]?: (event: TelltaleEventMaps[T][K]) => void;
};

/** The JSX props of one tag. */
export type TelltaleJsxProps<T extends TelltaleTag> = TelltaleProps<T> &
  Handlers<T> &
  Omit<HTMLAttributes<TelltaleElements[T]>, keyof TelltaleProps<T>> &
  RefAttributes<TelltaleElements[T]> & { class?: string };

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'client-list': TelltaleJsxProps<'client-list'>;
      'connection-status': TelltaleJsxProps<'connection-status'>;
      'json-view': TelltaleJsxProps<'json-view'>;
      'live-activity': TelltaleJsxProps<'live-activity'>;
      'log-console': TelltaleJsxProps<'log-console'>;
      'resources-view': TelltaleJsxProps<'resources-view'>;
      'rollout-table': TelltaleJsxProps<'rollout-table'>;
      'settings-panel': TelltaleJsxProps<'settings-panel'>;
      'storage-overview': TelltaleJsxProps<'storage-overview'>;
      'telltale-provider': TelltaleJsxProps<'telltale-provider'>;
      'trace-view': TelltaleJsxProps<'trace-view'>;
      'worker-board': TelltaleJsxProps<'worker-board'>;
    }
  }
}
