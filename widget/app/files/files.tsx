// The files chunk: downloaded the first time a visitor sends a file or sees one in the conversation.
import type { Message } from '../../../shared/contract';
import type { ViewProps } from '../view-props';
import { FileView } from './FileView';
import { Uploads } from './Uploads';

export { attach } from './uploads';

/** A message's file, or (without a message) the visitor's files on their way. */
export function Files(props: ViewProps & { message?: Message }) {
  return props.message ? <FileView {...props} message={props.message} /> : <Uploads {...props} />;
}
