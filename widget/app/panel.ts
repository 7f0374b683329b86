// Whether the panel is open, on which view, and what arrived while it was closed.
import { createStore, type Store } from '../../shared/client/store';

export type View = 'chat' | 'help';

export interface PanelState {
  open: boolean;
  /** True when the visitor opened the panel (focus moves into it); false when a proactive prompt did. */
  openedByVisitor: boolean;
  view: View;
  /** Agent messages that arrived while the panel was closed. */
  unread: number;
}

export class Panel {
  readonly store: Store<PanelState> = createStore<PanelState>({ open: false, openedByVisitor: false, view: 'chat', unread: 0 });

  /** Opens the panel on `view`, or on the view it showed, or on `defaultView` the first time; answers whether it was closed. */
  open(view: View | undefined, byVisitor: boolean, defaultView: () => View): boolean {
    const { open: wasOpen, openedByVisitor, view: shown } = this.store.get();
    this.store.set({
      open: true,
      openedByVisitor: byVisitor || (wasOpen && openedByVisitor),
      view: view ?? (wasOpen ? shown : defaultView()),
      unread: 0,
    });
    return !wasOpen;
  }

  /** Answers whether it was open. */
  close(): boolean {
    if (!this.store.get().open) return false;
    this.store.set({ open: false });
    return true;
  }

  show(view: View): void {
    this.store.set({ view });
  }

  isOpen(): boolean {
    return this.store.get().open;
  }

  countUnread(count: number): void {
    if (count && !this.isOpen()) this.store.set(({ unread }) => ({ unread: unread + count }));
  }
}
