import { Component } from 'preact';
import type { FileLinks, Message } from '../../../shared/contract';
import { filesText } from '../../../shared/i18n/catalogs/files';
import type { ViewProps } from '../view-props';
import { fresh, linksOf } from './links';
import { adoptFilesStyles } from './styles';

/** "240 kB", "3.4 MB", in the visitor's language. */
export function fileSize(bytes: number, locale: string): string {
  const mega = bytes >= 1e6;
  return new Intl.NumberFormat(locale, { style: 'unit', unit: mega ? 'megabyte' : 'kilobyte', maximumFractionDigits: 1 }).format(
    bytes / (mega ? 1e6 : 1e3),
  );
}

interface FileViewState {
  /** Null until fetched, or when they cannot be (the name and size still show). */
  links: FileLinks | null;
}

/** A message's file, the visitor's or an agent's: an image as a thumbnail that opens full size, anything else as a download. */
export class FileView extends Component<ViewProps & { message: Message }, FileViewState> {
  override state: FileViewState = { links: null };
  /** Closes the full view if it shows (when the message leaves the page). */
  private hideImage?: () => void;

  override componentDidMount(): void {
    void this.refresh();
  }

  override componentWillUnmount(): void {
    this.hideImage?.();
  }

  /** Links that work now, fetched anew once the kept ones are about to expire. */
  private async refresh(): Promise<FileLinks | null> {
    const links = await linksOf(this.props.session.parts, this.props.message.attachment!.id).catch(() => null);
    this.setState({ links });
    return links;
  }

  /** Shows the image at full size over the panel; the viewer is a chunk of its own. */
  private readonly open = async (event: MouseEvent) => {
    const thumbnail = event.currentTarget as HTMLButtonElement;
    const { name } = this.props.message.attachment!;
    const [{ showImage }, links] = await Promise.all([
      import('./ImageViewer'),
      fresh(this.state.links) ? this.state.links : this.refresh(),
    ]);
    if (!links) return;
    const closeLabel = filesText(this.props.state.locale)('files.close');
    // A message shows only inside the panel.
    this.hideImage = showImage({ name, url: links.url, closeLabel, over: thumbnail.closest('.panel')!, returnTo: thumbnail });
  };

  /** A link past its expiry is replaced before the browser follows it. */
  private readonly download = (event: MouseEvent) => {
    if (fresh(this.state.links)) return;
    event.preventDefault();
    const anchor = event.currentTarget as HTMLAnchorElement;
    void this.refresh().then((links) => {
      if (!links) return;
      anchor.href = links.url;
      anchor.click();
    });
  };

  override render({ state, message }: ViewProps & { message: Message }, { links }: FileViewState) {
    const file = message.attachment!;
    const t = filesText(state.locale);
    if (file.thumbnailId)
      return (
        <span class="file" ref={adoptFilesStyles}>
          <button type="button" class="file__thumb" aria-label={t('files.open', { name: file.name })} onClick={this.open}>
            {links?.thumbnailUrl && (
              <img
                src={links.thumbnailUrl}
                alt={file.name}
                width={file.width}
                height={file.height}
                onError={() => fresh(links) || void this.refresh()}
              />
            )}
          </button>
        </span>
      );
    return (
      <span class="file" ref={adoptFilesStyles}>
        <a class="file__link" href={links?.url} download={file.name} onClick={this.download}>
          {file.name}
        </a>{' '}
        <span class="file__size">{fileSize(file.size, state.locale)}</span>
      </span>
    );
  }
}
