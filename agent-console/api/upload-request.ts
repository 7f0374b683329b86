import { NETWORK_MESSAGE, RestError, routeUrl, toRestError } from '../../shared/client/rest-client';
import type { Endpoint } from '../../shared/contract/endpoints';
import type { ResponseOf, RouteAt, RouteLocation } from '../../shared/contract/routes';

/** An upload under way: its outcome, and a way to stop it. */
export interface UploadRequest<T> {
  done: Promise<T>;
  abort(): void;
}

/**
 * Sends a file's bytes as the body of a file route (same origin, session cookie) with XMLHttpRequest,
 * which, unlike fetch, reports upload progress. Rejects with a `RestError` carrying the server's code;
 * after `abort()` it never settles.
 */
export function uploadFile<E extends Endpoint>(
  route: E,
  location: RouteLocation<RouteAt<E>>,
  file: Blob,
  onProgress: (sent: number, total: number) => void,
): UploadRequest<ResponseOf<RouteAt<E>>> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<ResponseOf<RouteAt<E>>>((resolve, reject) => {
    xhr.open(route.method, routeUrl(route, location));
    // The type is read from the bytes on the server; the body must only not look like a form or JSON.
    xhr.setRequestHeader('Content-Type', 'application/octet-stream');
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
    xhr.onerror = () => reject(new RestError('network', NETWORK_MESSAGE, null));
    xhr.onload = () => {
      const body = parse(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as ResponseOf<RouteAt<E>>);
      else reject(toRestError(xhr.status, body));
    };
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
