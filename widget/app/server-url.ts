/**
 * The chat server's address for `path`. The chunks are served from the server's /widget/, beside
 * app.js (the loader imports it from there), so the chunk's own address names the server.
 */
export const serverUrl = (path: string): string => new URL(path, import.meta.url).href;
