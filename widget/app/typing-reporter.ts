const RESEND_MS = 3000;
const IDLE_MS = 5000;

export interface TypingReporter {
  /** The visitor typed something. */
  input(): void;
  /** The visitor sent, cleared the draft or left the field. */
  stop(): void;
}

/**
 * Reports `typing: true` at most every few seconds while the visitor types (keeping the agent's
 * indicator alive) and `false` once they stop, send, blur or go idle.
 */
export function createTypingReporter(report: (typing: boolean) => void): TypingReporter {
  let typing = false;
  let lastReport = 0;
  let idleTimer: ReturnType<typeof setTimeout> | undefined;

  const stop = () => {
    clearTimeout(idleTimer);
    if (!typing) return;
    typing = false;
    report(false);
  };

  return {
    input() {
      const now = Date.now();
      if (!typing || now - lastReport >= RESEND_MS) {
        typing = true;
        lastReport = now;
        report(true);
      }
      clearTimeout(idleTimer);
      idleTimer = setTimeout(stop, IDLE_MS);
    },
    stop,
  };
}
