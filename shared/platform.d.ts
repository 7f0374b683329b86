/**
 * The few globals browsers and Node both provide that shared code uses. Shared code is typed with
 * neither the DOM nor Node's lib; the widget, console and server check it again with their own.
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly origin: string;
  readonly pathname: string;
  readonly protocol: string;
}

type TimerId = { readonly __timer: unique symbol };
declare function setTimeout(handler: () => void, ms?: number): TimerId;
declare function clearTimeout(id: TimerId | undefined): void;

declare const crypto: { getRandomValues<T extends Uint8Array>(array: T): T };
