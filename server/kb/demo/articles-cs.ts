import type { DemoArticle } from './demo-article';

/** The demo shop's help centre in Czech (written for this project). */
export const ARTICLES_CS: DemoArticle[] = [
  {
    key: 'shipping-times',
    category: 'Doprava',
    tags: ['doručení', 'cena dopravy', 'odeslání'],
    title: 'Jak dlouho trvá doprava a kolik stojí?',
    body: `Objednávky přijaté v pracovní den do **14:00** odesíláme ještě týž den.

| Způsob dopravy | Doba doručení | Cena |
|---|---|---|
| Standardní | 3–5 pracovních dnů | 119 Kč, od 1 500 Kč zdarma |
| Expresní | 1–2 pracovní dny | 299 Kč |
| Výdejní místo | 2–4 pracovní dny | 79 Kč |

Jakmile balík opustí sklad, pošleme vám e-mail s odkazem na sledování zásilky. Objednávky z víkendu a svátků odesíláme další pracovní den.`,
  },
  {
    key: 'international-shipping',
    category: 'Doprava',
    tags: ['zahraničí', 'clo'],
    title: 'Posíláte zboží do zahraničí? Clo a dovozní poplatky',
    body: `Doručujeme do zemí EU, Velké Británie, Švýcarska, Norska, USA a Kanady.

- **EU:** žádné clo, doručení za 4–7 pracovních dnů.
- **Velká Británie, Švýcarsko, Norsko:** dovozní poplatky platíme za vás, při převzetí nic nedoplácíte.
- **USA a Kanada:** menší objednávky obvykle projdou celním řízením bez poplatků, u větších si je dopravce může vyžádat.

Doprava do zahraničí stojí 349 Kč, od 3 500 Kč je zdarma.`,
  },
  {
    key: 'track-order',
    category: 'Objednávky',
    tags: ['sledování zásilky', 'kde je moje objednávka'],
    title: 'Kde je moje objednávka? Sledování zásilky',
    body: `Ke každé odeslané objednávce dostanete e-mailem odkaz na sledování. Najdete ho také v sekci **Účet → Objednávky**.

Pokud se stav zásilky **3 pracovní dny** nezměnil nebo je uvedena jako doručená, ale balík nemáte:

1. Zeptejte se sousedů nebo na recepci domu.
2. Podívejte se do schránky, zda tam dopravce nenechal lístek.
3. Napište nám do chatu číslo objednávky — zahájíme reklamaci u dopravce a ztracený balík vám pošleme znovu.`,
  },
  {
    key: 'returns',
    category: 'Vrácení zboží',
    tags: ['vrácení', 'výměna', '30 dní'],
    title: 'Jak vrátit nebo vyměnit zboží?',
    body: `Nepoužité zboží s visačkami můžete vrátit do **30 dnů** od doručení.

1. Otevřete **Účet → Objednávky**, vyberte objednávku a klikněte na *Vrátit zboží*.
2. Zvolte položky a zda chcete peníze zpět, nebo jinou velikost.
3. Vytiskněte předplacený štítek (nebo ukažte QR kód na poště) a balík odevzdejte.

Vrácení v rámci Česka je zdarma. Výměnu za jinou velikost odešleme hned, jak naskenujeme váš vracený balík.`,
  },
  {
    key: 'refunds',
    category: 'Vrácení zboží',
    tags: ['vrácení peněz', 'refundace'],
    title: 'Kdy mi vrátíte peníze?',
    body: `Peníze vracíme do **3 pracovních dnů** od přijetí vráceného zboží, a to stejným způsobem, jakým jste platili.

- Karta: částka se na výpisu objeví za dalších 3–5 pracovních dnů podle vaší banky.
- PayPal: obvykle do 24 hodin.
- Dárkové poukazy: okamžitě.

Při vrácení celé objednávky vracíme i poštovné.`,
  },
  {
    key: 'payment-methods',
    category: 'Platba',
    tags: ['platba', 'karta', 'paypal', 'faktura'],
    title: 'Jaké způsoby platby přijímáte?',
    body: `Přijímáme:

- platební karty Visa, Mastercard a American Express
- PayPal
- Apple Pay a Google Pay
- bankovní převod (odesíláme po připsání platby, obvykle 1–2 pracovní dny)
- platbu na fakturu do 30 dnů u objednávek do 12 000 Kč

Kartu strhneme až při odeslání objednávky, ne při jejím vytvoření.`,
  },
  {
    key: 'payment-declined',
    category: 'Platba',
    tags: ['zamítnutá platba', 'karta'],
    title: 'Proč byla moje platba zamítnuta?',
    body: `Nejčastější důvody:

- Platby na internetu nebo do zahraničí máte v bankovní aplikaci vypnuté.
- Potvrzení 3-D Secure v aplikaci banky vypršelo — zkuste to znovu a potvrďte do 5 minut.
- Fakturační adresa neodpovídá adrese, kterou má banka.
- Na kartě je vyčerpaný denní limit.

Zamítnutá platba vám nic nestrhne; blokovaná částka během několika dnů zmizí.`,
  },
  {
    key: 'warranty',
    category: 'Záruka',
    tags: ['záruka', 'oprava', 'reklamace'],
    title: 'Záruka a opravy',
    body: `Na veškeré zboží poskytujeme **záruku 2 roky** na výrobní vady. Batoh Canvas má navíc **doživotní opravy**: švy, zipy a popruhy opravíme zdarma.

Pro reklamaci nám do chatu pošlete číslo objednávky a fotografii vady. Odpovíme do jednoho pracovního dne a pošleme předplacený štítek.`,
  },
  {
    key: 'shoe-sizes',
    category: 'Velikosti',
    tags: ['tabulka velikostí', 'boty'],
    title: 'Tabulka velikostí bot: jakou velikost objednat?',
    body: `Boty Trail Runner odpovídají **běžné velikosti** a mají prostornou špičku.

| EU | Délka chodidla |
|---|---|
| 40 | 25,0 cm |
| 41 | 25,7 cm |
| 42 | 26,5 cm |
| 43 | 27,3 cm |
| 44 | 28,0 cm |

Chodidlo změřte večer od paty ke špičce nejdelšího prstu a přičtěte 0,5 cm. Jste-li mezi dvěma velikostmi, zvolte větší.`,
  },
  {
    key: 'clothing-sizes',
    category: 'Velikosti',
    tags: ['tabulka velikostí', 'mikina'],
    title: 'Tabulka velikostí mikiny Merino',
    body: `Mikina Merino má běžný střih s místem pro funkční vrstvu pod ní.

| Velikost | Obvod hrudníku | Délka rukávu |
|---|---|---|
| S | 92–98 cm | 62 cm |
| M | 99–105 cm | 64 cm |
| L | 106–112 cm | 66 cm |
| XL | 113–119 cm | 68 cm |

Merino se nošením mírně povolí; máte-li rádi přiléhavý střih, zvolte menší velikost.`,
  },
  {
    key: 'change-cancel-order',
    category: 'Objednávky',
    tags: ['zrušení', 'změna objednávky', 'adresa'],
    title: 'Mohu změnit nebo zrušit objednávku?',
    body: `Velikost, doručovací adresu nebo zrušení objednávky můžete změnit do **1 hodiny** od jejího vytvoření v sekci **Účet → Objednávky**.

Potom už objednávku balíme. Napište nám hned do chatu — často ji ještě stihneme zastavit. Po odeslání můžete zásilku odmítnout nebo ji do 30 dnů zdarma vrátit.`,
  },
  {
    key: 'product-care',
    category: 'Péče o zboží',
    tags: ['praní', 'merino', 'plátno'],
    title: 'Jak pečovat o merino vlnu a voskované plátno?',
    body: `**Mikina Merino:** perte v pračce na 30 °C programem na vlnu, naruby, s pracím prostředkem na vlnu. Bez aviváže a sušičky; sušte naplocho.

**Batoh Canvas:** nepěrte v pračce. Zaschlou špínu okartáčujte a otřete vlhkým hadříkem. Jednou ročně batoh znovu navoskujte.

**Termoláhev:** lze mýt v myčce; víčko vydrží déle při ručním mytí.`,
  },
];
