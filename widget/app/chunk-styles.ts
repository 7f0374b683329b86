import { adoptStyles } from '../adopt-styles';

/**
 * A lazily loaded chunk's stylesheet, added to the widget's shadow root the first time one of its
 * views shows there (use the answer as the view's `ref`): its rules stay out of the main bundle.
 */
export function chunkStyles(css: string): (node: Node | null | undefined) => void {
  const styled = new WeakSet<Node>();
  return (node) => {
    const root = node?.getRootNode();
    if (root instanceof ShadowRoot && !styled.has(root)) {
      styled.add(root);
      adoptStyles(root, css);
    }
  };
}
