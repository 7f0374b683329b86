/**
 * Applies a stylesheet to a shadow root as a constructed stylesheet, which a host page's
 * Content-Security-Policy does not treat as inline style (no 'unsafe-inline' needed); a `<style>`
 * element only where constructed stylesheets are missing.
 */
export function adoptStyles(root: ShadowRoot, css: string): void {
  if ('adoptedStyleSheets' in root && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else {
    const style = document.createElement('style');
    style.textContent = css;
    root.append(style);
  }
}
