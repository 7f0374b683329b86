import { useEffect, useState } from 'preact/hooks';

/** Whether the window matches a media query, kept current as the window resizes; false where there is no `matchMedia`. */
export function useMediaQuery(query: string): boolean {
  const list = typeof window.matchMedia === 'function' ? window.matchMedia(query) : null;
  const [matches, setMatches] = useState(list?.matches ?? false);
  useEffect(() => {
    if (!list) return;
    const update = () => setMatches(list.matches);
    update();
    list.addEventListener('change', update);
    return () => list.removeEventListener('change', update);
  }, [query]);
  return matches;
}
