import { Component, type ComponentType, h } from 'preact';

/**
 * A view whose code downloads the first time it shows, as its own chunk: what only some visitors need
 * (the email step, the conversation list) stays out of the download that opens the widget.
 */
export function lazy<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  return class Lazy extends Component<P> {
    override componentDidMount(): void {
      if (!loaded)
        load().then(
          (view) => {
            loaded = view;
            this.forceUpdate();
          },
          (error: unknown) => console.error('[LifecycleChat] could not load a view', error),
        );
    }

    override render(props: P) {
      return loaded ? h(loaded, props) : null;
    }
  };
}
