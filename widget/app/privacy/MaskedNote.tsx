// Why a visitor's message shows "•••• 4242": the server hid the card number, IBAN or security code
// before storing it. In a chunk of its own with its strings in every language: only visitors who
// paste payment details download it.
import { privacyCatalogs } from '../../../shared/i18n/catalogs/privacy';
import type { LocaleCode } from '../../../shared/i18n/locales';

export function MaskedNote({ locale }: { locale: LocaleCode }) {
  return (
    <span class="masked-note" role="note">
      {privacyCatalogs[locale]['masked.note']}
    </span>
  );
}
