import { adoptStyles } from '../../adopt-styles';
import css from './files.css?inline';

const styled = new WeakSet<Node>();

/** Adds the chunk's stylesheet to the widget's shadow root, the first time one of its views shows there. */
export function adoptFilesStyles(node: Node | null | undefined): void {
  const root = node?.getRootNode();
  if (root instanceof ShadowRoot && !styled.has(root)) {
    styled.add(root);
    adoptStyles(root, css);
  }
}
