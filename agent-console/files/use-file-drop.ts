import type { TargetedDragEvent } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { filesOf } from './AttachButton';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

/**
 * Files dropped onto an element: its drag handlers, and whether files are being dragged over it
 * (to show where to drop). Drags of text or links are left alone.
 */
export function useFileDrop(onFiles: ((files: File[]) => void) | null) {
  const [over, setOver] = useState(false);
  /** dragenter and dragleave fire for every child crossed: count them. */
  const depth = useRef(0);
  const enabled = onFiles !== null;
  // A file dropped just beside the target would otherwise replace the console with the file.
  useEffect(() => {
    if (!enabled) return;
    const keep = (event: DragEvent) => {
      if (carriesFiles(event)) event.preventDefault();
    };
    window.addEventListener('dragover', keep);
    window.addEventListener('drop', keep);
    return () => {
      window.removeEventListener('dragover', keep);
      window.removeEventListener('drop', keep);
    };
  }, [enabled]);
  const reset = () => {
    depth.current = 0;
    setOver(false);
  };
  const handlers = onFiles
    ? {
        onDragEnter: (event: TargetedDragEvent<HTMLElement>) => {
          if (!carriesFiles(event)) return;
          event.preventDefault();
          depth.current += 1;
          setOver(true);
        },
        onDragOver: (event: TargetedDragEvent<HTMLElement>) => {
          if (!carriesFiles(event)) return;
          event.preventDefault();
          if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
        },
        onDragLeave: (event: TargetedDragEvent<HTMLElement>) => {
          if (!carriesFiles(event)) return;
          depth.current = Math.max(0, depth.current - 1);
          if (depth.current === 0) setOver(false);
        },
        onDrop: (event: TargetedDragEvent<HTMLElement>) => {
          if (!carriesFiles(event)) return;
          event.preventDefault();
          reset();
          const files = filesOf(event.dataTransfer);
          if (files.length > 0) onFiles(files);
        },
      }
    : {};
  return { over: over && enabled, handlers };
}
