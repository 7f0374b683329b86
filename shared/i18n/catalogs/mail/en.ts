// The texts of the emails a visitor gets (replies, transcripts) and of the unsubscribe page. Kept apart
// from the widget's catalogs so that they add nothing to the widget's download. English defines the keys.
export const mailEn = {
  'reply.subject': 'New reply from {site}',
  'reply.intro': '{site} answered you in the chat:',
  'reply.introMany': '{site} answered you in the chat ({count} messages):',
  'transcript.subject': 'Your conversation with {site}',
  'transcript.intro': 'Here is your conversation with {site}.',
  latest: 'Latest messages in the conversation',
  you: 'You',
  support: 'Support',
  continue: 'Continue the conversation',
  footer: 'You get this email because you left your address in the chat on {site}.',
  unsubscribe: 'Unsubscribe from these emails',
  'unsubscribe.title': 'Unsubscribe',
  'unsubscribe.question': 'Stop emails with chat replies and transcripts from {site}?',
  'unsubscribe.confirm': 'Unsubscribe',
  'unsubscribe.done': 'You are unsubscribed. {site} will not email you chat replies or transcripts any more.',
  'unsubscribe.invalid': 'This unsubscribe link is not valid. Please use the link from the latest email.',
} as const;

export type MailMessageKey = keyof typeof mailEn;
export type MailCatalog = Readonly<Record<MailMessageKey, string>>;
