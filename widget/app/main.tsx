// Entry of dist/widget/app.js, which widget.js imports on demand.
import { render } from 'preact';
import type { AppModule } from '../app-api';
import { ChatWidget } from './ChatWidget';
import { createSocketChatClient } from './socket-chat-client';
import styles from './styles.css?inline';

export const mount: AppModule['mount'] = (root, options) => {
  const style = document.createElement('style');
  style.textContent = styles;
  const container = document.createElement('div');
  root.append(style, container);

  const client = createSocketChatClient(options.baseUrl, options.siteKey);
  let open = false;

  function setOpen(next: boolean): void {
    if (next === open) return;
    const focusWasInside = container.contains(root.activeElement);
    open = next;
    update();
    options.onOpenChange(open);
    if (!open && focusWasInside) options.focusLauncher();
  }

  function update(): void {
    render(
      <ChatWidget
        client={client}
        siteKey={options.siteKey}
        open={open}
        onClose={() => setOpen(false)}
        onUnreadChange={options.onUnreadChange}
      />,
      container,
    );
  }

  update();
  return { open: () => setOpen(true), close: () => setOpen(false) };
};
