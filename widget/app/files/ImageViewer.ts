// An image at full size over the panel: a modal dialog that Esc, its close button or a click beside
// the image closes, focus then going back where it was. Its own chunk, downloaded on the first click
// on a thumbnail. Plain DOM, not Preact: a chunk only the files chunk imports that imported Preact
// would make the bundler move Preact out of the main bundle into a chunk of its own.

const SVG = 'http://www.w3.org/2000/svg';

/** The close button's ×, as the panel's own (built node by node: no markup parsing, which a Trusted Types policy would refuse). */
function closeIcon(): SVGSVGElement {
  const icon = document.createElementNS(SVG, 'svg');
  const attributes = {
    viewBox: '0 0 24 24',
    'aria-hidden': 'true',
    fill: 'none',
    stroke: 'currentColor',
    'stroke-width': '2.2',
    'stroke-linecap': 'round',
  };
  for (const [name, value] of Object.entries(attributes)) icon.setAttribute(name, value);
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M6 6l12 12M18 6 6 18');
  icon.append(path);
  return icon;
}

export interface ImageToShow {
  name: string;
  url: string;
  closeLabel: string;
  /** What the viewer covers (the panel). */
  over: Element;
  /** Where focus goes back when it closes (the thumbnail). */
  returnTo: HTMLElement;
}

/** Shows the image; answers the function that closes it (once: later calls do nothing). */
export function showImage({ name, url, closeLabel, over, returnTo }: ImageToShow): () => void {
  const viewer = document.createElement('div');
  viewer.className = 'viewer';
  viewer.setAttribute('role', 'dialog');
  viewer.setAttribute('aria-modal', 'true');
  viewer.setAttribute('aria-label', name);
  const image = document.createElement('img');
  image.src = url;
  image.alt = name;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'icon-button viewer__close';
  close.setAttribute('aria-label', closeLabel);
  close.append(closeIcon());

  const hide = () => {
    if (!viewer.isConnected) return;
    viewer.remove();
    returnTo.focus();
  };
  close.onclick = hide;
  viewer.onclick = (event) => event.target === viewer && hide();
  viewer.onkeydown = (event) => {
    if (event.key === 'Escape') {
      // Esc closes the image, not the whole panel.
      event.stopPropagation();
      hide();
    }
    // The close button is the dialog's only control: focus stays on it.
    if (event.key === 'Tab') event.preventDefault();
  };
  viewer.append(image, close);
  over.append(viewer);
  close.focus();
  return hide;
}
