import type { DemoArticle } from './demo-article';

/** The demo shop's help centre in English (written for this project). */
export const ARTICLES_EN: DemoArticle[] = [
  {
    key: 'shipping-times',
    category: 'Shipping',
    tags: ['delivery', 'shipping cost', 'dispatch'],
    title: 'How long does shipping take and what does it cost?',
    body: `Orders placed before **2 pm** (shop time) on a working day leave our warehouse the same day.

| Method | Delivery time | Price |
|---|---|---|
| Standard | 3–5 working days | $4.90, free from $60 |
| Express | 1–2 working days | $12.90 |
| Pick-up point | 2–4 working days | $3.50 |

As soon as your parcel leaves us you get an email with the tracking link. Orders placed on weekends or public holidays are dispatched on the next working day.`,
  },
  {
    key: 'international-shipping',
    category: 'Shipping',
    tags: ['international', 'customs', 'duties'],
    title: 'Do you ship internationally? Customs and import duties',
    body: `We ship to the EU, the UK, Switzerland, Norway, the USA and Canada.

- **EU:** no customs; delivery in 4–7 working days.
- **UK, Switzerland, Norway:** we pay the import duties for you (*delivered duty paid*), so nothing is charged at the door.
- **USA and Canada:** orders under $800 (USA) or CAD 150 (Canada) usually clear customs without charges; above that the carrier may ask you for duties.

International shipping costs $14.90, free from $150. Tracking works the same as for domestic orders.`,
  },
  {
    key: 'track-order',
    category: 'Orders',
    tags: ['tracking', 'where is my order', 'parcel'],
    title: 'Where is my order? Tracking your parcel',
    body: `Every order gets a tracking link by email once it is dispatched. You also find it under **Account → Orders**.

If the tracking has not moved for **3 working days**, or it says delivered but you have no parcel:

1. Check with neighbours and your building's reception.
2. Look for a note from the carrier in your mailbox.
3. Write to us in the chat with your order number — we open an investigation with the carrier and send a replacement if the parcel is lost.`,
  },
  {
    key: 'returns',
    category: 'Returns',
    tags: ['return', 'exchange', '30 days'],
    title: 'How do I return or exchange an item?',
    body: `You can return anything within **30 days** of delivery, as long as it is unused and has its labels.

1. Open **Account → Orders**, choose the order and click *Return items*.
2. Pick the items and tell us whether you want a refund or a different size.
3. Print the prepaid label (or show the QR code at the post office) and drop the parcel off.

Returns within the country are free. Exchanges for another size ship as soon as we scan your return parcel, so you don't wait for it to reach us. Shoes worn outdoors can't be returned, but our warranty still covers defects.`,
  },
  {
    key: 'refunds',
    category: 'Returns',
    tags: ['refund', 'money back'],
    title: 'When will I get my refund?',
    body: `We refund within **3 working days** of receiving your return, to the payment method you used.

- Cards: the money shows on your statement after another 3–5 working days, depending on your bank.
- PayPal: usually within 24 hours.
- Gift cards and store credit: instantly.

Shipping costs are refunded too when you return the whole order. You get an email as soon as we have issued the refund.`,
  },
  {
    key: 'payment-methods',
    category: 'Payment',
    tags: ['payment', 'card', 'paypal', 'invoice'],
    title: 'Which payment methods do you accept?',
    body: `We accept:

- Visa, Mastercard and American Express
- PayPal
- Apple Pay and Google Pay
- Bank transfer (we ship once the money arrives, usually 1–2 working days)
- Pay later by invoice within 30 days, for orders up to $500

Your card is charged when the order is dispatched, not when you place it. All payments are processed over an encrypted connection; we never store your full card number.`,
  },
  {
    key: 'payment-declined',
    category: 'Payment',
    tags: ['payment failed', 'declined', 'card'],
    title: 'Why was my payment declined?',
    body: `Most declined payments have one of these causes:

- The card's online or international payments are switched off in your banking app.
- The 3-D Secure confirmation in your banking app timed out — try again and confirm within 5 minutes.
- The billing address does not match the one your bank has.
- The daily limit of the card is reached.

A declined attempt never charges you; a pending amount disappears within a few days. If it keeps failing, choose PayPal or bank transfer, or ask us in the chat.`,
  },
  {
    key: 'warranty',
    category: 'Warranty',
    tags: ['warranty', 'repair', 'defect', 'guarantee'],
    title: 'Warranty and repairs',
    body: `Everything we sell has a **2-year warranty** against manufacturing defects. Our Canvas Backpack also has **lifetime repairs**: seams, zips and straps are repaired free of charge for as long as you own it.

To make a claim, send us in the chat your order number and a photo of the defect. We answer within one working day and send a prepaid label. Normal wear (worn-down soles, scuffs) and damage from misuse are not covered, but we are happy to quote a paid repair.`,
  },
  {
    key: 'shoe-sizes',
    category: 'Sizing',
    tags: ['size guide', 'shoes', 'fit'],
    title: 'Shoe size guide: which size should I order?',
    body: `Our Trail Runner Shoes fit **true to size** with a roomy toe box.

| EU | US men | US women | Foot length |
|---|---|---|---|
| 40 | 7 | 8.5 | 25.0 cm |
| 41 | 8 | 9.5 | 25.7 cm |
| 42 | 8.5 | 10 | 26.5 cm |
| 43 | 9.5 | 11 | 27.3 cm |
| 44 | 10 | 11.5 | 28.0 cm |

Measure your foot in the evening, heel to longest toe, and add 0.5 cm. Between two sizes, take the larger one — especially for long downhill runs.`,
  },
  {
    key: 'clothing-sizes',
    category: 'Sizing',
    tags: ['size guide', 'hoodie', 'clothing'],
    title: 'Clothing size guide for the Merino Hoodie',
    body: `The Merino Hoodie has a regular fit with room for a base layer underneath.

| Size | Chest | Sleeve |
|---|---|---|
| S | 92–98 cm | 62 cm |
| M | 99–105 cm | 64 cm |
| L | 106–112 cm | 66 cm |
| XL | 113–119 cm | 68 cm |

Merino relaxes slightly with wear, so if you like a close fit, take the smaller size.`,
  },
  {
    key: 'change-cancel-order',
    category: 'Orders',
    tags: ['cancel', 'change order', 'address'],
    title: 'Can I change or cancel my order?',
    body: `You can change the size, the delivery address or cancel the order for **1 hour** after placing it, under **Account → Orders**.

After that the order is being packed. Write to us in the chat straight away — we can often still stop it before it leaves the warehouse. Once it has shipped, you can refuse the delivery or return it free of charge within 30 days.`,
  },
  {
    key: 'product-care',
    category: 'Care',
    tags: ['washing', 'merino', 'canvas', 'care'],
    title: 'How do I care for merino wool and waxed canvas?',
    body: `**Merino Hoodie:** machine wash at 30 °C on the wool programme, inside out, with wool detergent. No fabric softener, no tumble dryer; dry flat.

**Canvas Backpack:** don't wash it in the machine. Brush off dry dirt and wipe with a damp cloth. Re-wax once a year with our wax bar to keep it water-resistant.

**Insulated Bottle:** dishwasher safe; the lid lasts longer when washed by hand.`,
  },
];
