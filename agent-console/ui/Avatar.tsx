import { initials } from '../lib/format';

const PALETTE_SIZE = 8;

function paletteIndex(seed: string): number {
  let hash = 0;
  for (let i = 0; i < seed.length; i += 1) hash = (hash * 31 + seed.charCodeAt(i)) >>> 0;
  return hash % PALETTE_SIZE;
}

interface AvatarProps {
  name: string;
  /** Stable colour seed (an id); defaults to the name. */
  seed?: string;
  size?: 'sm' | 'md';
}

/** Decorative initials badge; the name itself is always given as text next to it. */
export function Avatar({ name, seed, size = 'md' }: AvatarProps) {
  return (
    <span class={`avatar avatar--${size} avatar--c${paletteIndex(seed ?? name)}`} aria-hidden="true">
      {initials(name)}
    </span>
  );
}
