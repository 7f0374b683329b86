import { useEffect, useState } from 'preact/hooks';
import type { KbApi } from '../api/kb-api';
import { describeFailure } from '../lib/describe-failure';

const DEBOUNCE_MS = 250;

export type Preview = { html: string; pending: boolean; error: string | null };

/**
 * Live preview of Markdown, rendered and sanitized by the server (the very HTML visitors will get),
 * refreshed a moment after typing stops. Starts from `initialHtml` so an opened article shows at once.
 */
export function usePreview(api: KbApi, body: string, initialHtml: string): Preview {
  const [preview, setPreview] = useState<Preview>({ html: initialHtml, pending: false, error: null });
  const [renderedBody, setRenderedBody] = useState(body);

  useEffect(() => {
    if (body === renderedBody) return;
    let live = true;
    setPreview((p) => ({ ...p, pending: true }));
    const timer = setTimeout(() => {
      api.preview(body).then(
        (html) => {
          if (!live) return;
          setRenderedBody(body);
          setPreview({ html, pending: false, error: null });
        },
        (error: unknown) => live && setPreview((p) => ({ ...p, pending: false, error: describeFailure(error) })),
      );
    }, DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [api, body, renderedBody]);

  return preview;
}
