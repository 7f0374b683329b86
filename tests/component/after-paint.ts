// Preact runs effects after the next frame, with a 35 ms timer as a fallback that then cancels the
// frame. A timer still pending when a file's jsdom is torn down fires without `cancelAnimationFrame`
// (an uncaught ReferenceError that fails the run, seen once in CI from console-escalation): at the end
// of each file, one frame and the fallback's time let them all finish first.
import { afterAll } from 'vitest';

afterAll(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 40))));
