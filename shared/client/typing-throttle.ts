export interface TypingThrottleOptions<Scope> {
  /** Sends the typing state, for the scope it applies to (e.g. a conversation). */
  report(typing: boolean, scope: Scope): void;
  /** Re-send `typing: true` at most this often while typing goes on (keeps the other side's indicator alive). */
  refreshMs: number;
  /** Report `typing: false` after this long without input. */
  idleMs: number;
  now?: () => number;
}

export interface TypingThrottle<Scope> {
  /** Something was typed in `scope`; typing in another scope ends the previous one first. */
  input(scope: Scope): void;
  /** Typing ended (sent, draft cleared, field left): reports `false` if `true` was reported. */
  stop(): void;
  /** Forgets the typing state without reporting (the other side already has, e.g. the connection dropped). */
  reset(): void;
}

/** Reports `typing: true` at most every `refreshMs` while input goes on, and `false` once it stops or goes idle. */
export function createTypingThrottle<Scope = void>(options: TypingThrottleOptions<Scope>): TypingThrottle<Scope> {
  const now = options.now ?? Date.now;
  let typing: { scope: Scope; reportedAt: number } | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const reset = () => {
    clearTimeout(idleTimer);
    typing = null;
  };
  const stop = () => {
    const ended = typing;
    reset();
    if (ended) options.report(false, ended.scope);
  };

  return {
    input(scope) {
      if (typing && typing.scope !== scope) stop();
      const time = now();
      if (!typing || time - typing.reportedAt >= options.refreshMs) {
        typing = { scope, reportedAt: time };
        options.report(true, scope);
      }
      clearTimeout(idleTimer);
      idleTimer = setTimeout(stop, options.idleMs);
    },
    stop,
    reset,
  };
}
