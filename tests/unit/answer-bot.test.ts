import { describe, expect, it } from 'vitest';
import { botTurn, type BotTurnInput } from '../../server/answer-bot/bot-turn';
import { asksForPerson } from '../../server/answer-bot/hand-off-words';
import { bestPassage } from '../../server/answer-bot/passage';
import { ARTICLES_EN } from '../../server/kb/demo/articles-en';

describe('asking for a person', () => {
  it.each([
    ['en', 'human'],
    ['en', 'Can I talk to an agent please?'],
    ['en', 'real person please'],
    ['ru', 'Позовите человека'],
    ['ru', 'хочу поговорить с оператором'],
    ['ro', 'Vreau să vorbesc cu un om'],
    ['ro', 'o persoană reală, vă rog'],
    ['pl', 'Chcę rozmawiać z człowiekiem'],
    ['pl', 'poproszę konsultanta'],
    ['cs', 'Chci mluvit s operátorem'],
    ['cs', 's živým člověkem prosím'],
    ['fa', 'می‌خواهم با اپراتور صحبت کنم'],
    ['fa', 'با یک انسان صحبت کنم'],
  ])('%s: "%s" asks for a person', (_locale, text) => {
    expect(asksForPerson(text)).toBe(true);
  });

  it.each([
    'How long does shipping take?',
    'Jak chráníte osobní údaje?',
    'ساعت پشتیبانی چیست؟',
    'my delivery agent said the parcel was lost at the depot, where is it now and who pays for it?',
    'omelette pan in stock?',
    '',
  ])('"%s" is a question, not a request for a person', (text) => {
    expect(asksForPerson(text)).toBe(false);
  });
});

describe('the passage of an article that answers', () => {
  const shipping = ARTICLES_EN.find((a) => a.key === 'shipping-times')!;
  const international = ARTICLES_EN.find((a) => a.key === 'international-shipping')!;

  it('keeps a table as one row per line, not a run-on', () => {
    const passage = bestPassage(shipping.body, 'how much is express delivery', 'en');
    expect(passage).toContain('Express — 1–2 working days — $12.90');
    expect(passage.split('\n')).toContain('Method — Delivery time — Price');
    expect(passage).not.toContain('|');
  });

  it('starts at the block that shares most words with the question, one list item per line', () => {
    const passage = bestPassage(international.body, 'do I pay customs duties in the UK?', 'en');
    expect(passage.split('\n')[0]).toBe('• EU: no customs; delivery in 4–7 working days.');
    expect(passage).toContain('• UK, Switzerland, Norway: we pay the import duties for you');
    expect(passage).not.toContain('**');
  });

  it('stays short', () => {
    for (const article of ARTICLES_EN) expect(bestPassage(article.body, article.title, 'en').length).toBeLessThanOrEqual(420);
  });
});

describe('bot first or person first', () => {
  const base: BotTurnInput = { stage: 'support', cartValue: 0, intentScore: 0.1, intentThreshold: 0.5 };
  it.each(['support', 'loyalty', 'evaluation', 'awareness', 'engagement'] as const)('%s: the bot answers first', (stage) => {
    expect(botTurn({ ...base, stage })).toBe('answer');
  });
  it('puts a person first for a buyer with a cart, or with intent above the escalation threshold', () => {
    expect(botTurn({ ...base, stage: 'purchase', cartValue: 49 })).toBe('while_you_wait');
    expect(botTurn({ ...base, intentScore: 0.51 })).toBe('while_you_wait');
    expect(botTurn({ ...base, stage: 'purchase', cartValue: 0 })).toBe('answer');
  });
});
