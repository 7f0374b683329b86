import { useState } from 'preact/hooks';

function read(key: string): boolean | null {
  try {
    const value = localStorage.getItem(key);
    return value === null ? null : value === 'true';
  } catch {
    return null; // storage refused (privacy mode): the choice lasts for this page only
  }
}

/** A yes/no choice of the agent's that outlives the page, kept in this browser's localStorage under `key`. */
export function useStoredFlag(key: string, initial: boolean): [boolean, (value: boolean) => void] {
  const [value, setValue] = useState(() => read(key) ?? initial);
  const set = (next: boolean) => {
    setValue(next);
    try {
      localStorage.setItem(key, String(next));
    } catch {
      // as above
    }
  };
  return [value, set];
}
