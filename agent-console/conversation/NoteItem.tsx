import type { Note } from '../../shared/contract';
import { messageTime } from '../lib/format';
import { Name } from '../ui/Name';

/** An internal note among the messages: marked as agents-only, never sent to the visitor. */
export function NoteItem({ note, now }: { note: Note; now: number }) {
  const label = note.kind === 'transfer' ? 'Transfer note' : 'Internal note';
  return (
    <li class={`message message--note${note.kind === 'transfer' ? ' message--transfer' : ''}`}>
      <span class="message__meta">
        <span class="message__author">
          {label} · <Name name={note.authorName} />
        </span>
        <time dateTime={note.createdAt} class="message__time">
          {messageTime(note.createdAt, now)}
        </time>
      </span>
      <p class="message__bubble">{note.text || (note.kind === 'transfer' ? 'Transferred without a note.' : '')}</p>
    </li>
  );
}
