import type { ChatSession } from '../chat-session';

/** What the chunk works with: the widget's state, the session's dependencies and its conversation core. */
export type FilesContext = ChatSession['files'];

/**
 * The chat server's address for `path`. The chunks are served from the server's /widget/, beside
 * app.js (the loader imports it from there), so the chunk's own address names the server.
 */
export const serverUrl = (path: string): string => new URL(path, import.meta.url).href;

/** The visitor's token, as an `Authorization` header's value. */
export const bearer = (files: FilesContext): string => `Bearer ${files.deps.store.read('token')}`;
