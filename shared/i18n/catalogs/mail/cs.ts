import type { MailCatalog } from './en';

export const mailCs: MailCatalog = {
  'reply.subject': 'Nová odpověď od {site}',
  'reply.intro': '{site} vám odpověděl(a) v chatu:',
  'reply.introMany': '{site} vám odpověděl(a) v chatu (zpráv: {count}):',
  'transcript.subject': 'Vaše konverzace s {site}',
  'transcript.intro': 'Zde je vaše konverzace s {site}.',
  latest: 'Poslední zprávy v konverzaci',
  you: 'Vy',
  support: 'Podpora',
  continue: 'Pokračovat v konverzaci',
  footer: 'Tento e-mail dostáváte, protože jste v chatu na {site} zanechali svou adresu.',
  unsubscribe: 'Odhlásit se z těchto e-mailů',
  'unsubscribe.title': 'Odhlásit se',
  'unsubscribe.question': 'Přestat posílat e-maily s odpověďmi a přepisy chatu od {site}?',
  'unsubscribe.confirm': 'Odhlásit se',
  'unsubscribe.done': 'Jste odhlášeni. {site} vám už nebude posílat odpovědi ani přepisy chatu e-mailem.',
  'unsubscribe.invalid': 'Tento odkaz pro odhlášení není platný. Použijte odkaz z nejnovějšího e-mailu.',
};
