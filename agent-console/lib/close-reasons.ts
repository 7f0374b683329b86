import type { CloseReason } from '../../shared/contract';

export const CLOSE_REASONS: ReadonlyArray<{ id: CloseReason; label: string }> = [
  { id: 'resolved', label: 'Resolved' },
  { id: 'no_reply', label: 'No reply from the visitor' },
  { id: 'spam', label: 'Spam' },
  { id: 'duplicate', label: 'Duplicate' },
  { id: 'other', label: 'Other' },
];
