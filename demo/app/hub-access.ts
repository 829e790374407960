/** The page hub's statuses, or nothing when no hub can be made (the shell still renders). */
import { EMPTY, defer, type Observable } from 'rxjs';
import { getDefaultHub } from '../../src/streams/hub.js';
import type { SourceStatus } from '../../src/streams/types.js';

export function hubStatuses(): Observable<SourceStatus[]> {
  return defer(() => {
    try {
      return getDefaultHub().statuses$;
    } catch (e) {
      console.warn('[telltale] no hub:', e);
      return EMPTY;
    }
  });
}
