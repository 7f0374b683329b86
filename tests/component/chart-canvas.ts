// Chart.js in jsdom, which has no canvas: a 2D context that draws nothing and measures every text 8 px
// per character, and every element sized as a wide card (900 × 240 px) as a browser would lay it out.
import { afterAll, beforeAll, vi } from 'vitest';

function stubContext(canvas: HTMLCanvasElement): CanvasRenderingContext2D {
  const state: Record<string | symbol, unknown> = { canvas };
  return new Proxy(state, {
    get: (target, key) =>
      key in target
        ? target[key]
        : key === 'measureText'
          ? (text: string) => ({ width: String(text).length * 8, actualBoundingBoxAscent: 8, actualBoundingBoxDescent: 2 })
          : key === 'getImageData' || key === 'createLinearGradient' || key === 'createPattern'
            ? () => ({ data: [], addColorStop: () => undefined })
            : () => undefined,
    set: (target, key, value) => {
      target[key] = value;
      return true;
    },
  }) as unknown as CanvasRenderingContext2D;
}

const sizes = ['clientWidth', 'clientHeight', 'offsetWidth', 'offsetHeight'] as const;

/** Lets the file's charts draw: call once at the top of a component test file. */
export function stubChartCanvas(): void {
  beforeAll(() => {
    // jsdom has no ResizeObserver; responsive charts observe their container.
    globalThis.ResizeObserver ??= class {
      observe() {}
      unobserve() {}
      disconnect() {}
    };
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(function (this: HTMLCanvasElement) {
      return stubContext(this);
    } as unknown as typeof HTMLCanvasElement.prototype.getContext);
    for (const size of sizes)
      Object.defineProperty(HTMLElement.prototype, size, { configurable: true, get: () => (size.endsWith('Width') ? 900 : 240) });
    vi.spyOn(HTMLElement.prototype, 'getBoundingClientRect').mockReturnValue(DOMRect.fromRect({ width: 900, height: 240 }));
  });
  afterAll(() => {
    vi.restoreAllMocks();
    for (const size of sizes) delete (HTMLElement.prototype as unknown as Record<string, unknown>)[size];
  });
}
