import { describe, expect, it } from 'vitest';
import { gapDraft } from '../../server/kb/gaps/gap-draft';
import { gapQuestion } from '../../server/kb/gaps/gap-question';
import { groupGaps, type GapQuestion } from '../../server/kb/gaps/group-gaps';

const NOW = 1_800_000_000_000;
const MINUTE = 60_000;
const DAY = 86_400_000;
const WINDOW = 30 * DAY;

let ids = 0;
const q = (text: string, minutesAgo: number, locale: GapQuestion['locale'] = 'en'): GapQuestion => ({
  id: `q${String(++ids).padStart(3, '0')}`,
  text,
  locale,
  at: NOW - minutesAgo * MINUTE,
});

describe('content gaps: what is kept', () => {
  it('scrubs personal data and keeps a question with two terms or more', () => {
    expect(gapQuestion('Do you ship to Norway? mail me at ola@example.no', 'en')).toEqual({
      text: 'Do you ship to Norway? mail me at {email}',
      key: 'do you ship to norway mail me at',
    });
    expect(gapQuestion('Where is order 12345678 going', 'en')?.text).toBe('Where is order {order} going');
  });

  it('leaves out greetings, one-word messages and what is only personal data', () => {
    for (const text of [
      'hi',
      'thanks!',
      'hello there',
      'refund?',
      'Hello, thanks for the help!',
      'I need help please',
      'ola@example.no',
      '+47 912 34 567',
    ]) {
      expect(gapQuestion(text, 'en')).toBeNull();
    }
    expect(gapQuestion('Здравствуйте, нужна помощь', 'ru')).toBeNull();
    expect(gapQuestion('Здравствуйте, доставка в Норвегию возможна?', 'ru')).not.toBeNull();
  });
});

describe('content gaps: grouping by shared terms', () => {
  it('groups through the stemmer ("shipping to Norway" with "ship to norway?"), most frequent first', () => {
    const groups = groupGaps(
      [
        q('How much is shipping to Norway?', 30),
        q('do you ship to norway?', 5),
        q('Shipping costs Norway', 60),
        q('Can I pay with crypto currency?', 10),
        q('paying with crypto', 20),
        q('Is the blue sweater wool?', 2),
      ],
      { now: NOW, windowMs: WINDOW },
    );
    expect(groups.map((g) => [g.label, g.count])).toEqual([
      ['ship norway', 3],
      ['pay crypto', 2],
      ['blue sweater wool', 1],
    ]);
    const [shipping] = groups;
    expect(shipping).toMatchObject({
      key: 'en:norwai+ship',
      locale: 'en',
      terms: ['ship', 'norwai'], // stems
      lastAt: NOW - 5 * MINUTE,
      samples: [
        { text: 'do you ship to norway?', at: NOW - 5 * MINUTE },
        { text: 'How much is shipping to Norway?', at: NOW - 30 * MINUTE },
        { text: 'Shipping costs Norway', at: NOW - 60 * MINUTE },
      ],
    });
    expect(shipping!.questionIds).toHaveLength(3);
  });

  it('does not group by the words a question is wrapped in ("how long does … take")', () => {
    const groups = groupGaps([q('How long does shipping to Oslo take?', 1), q('how long does a refund take', 2)], {
      now: NOW,
      windowMs: WINDOW,
    });
    expect(groups.map((g) => [g.label, g.count])).toEqual([
      ['shipping oslo', 1],
      ['refund', 1],
    ]);
  });

  it('joins questions that share only one term once no pair is shared, and keeps locales apart', () => {
    const groups = groupGaps(
      [q('refund for broken lamp', 1), q('how do refunds work here', 2), q('возврат денег за лампу', 3, 'ru'), q('возврат денег', 4, 'ru')],
      { now: NOW, windowMs: WINDOW },
    );
    expect(groups.map((g) => [g.locale, g.label, g.count])).toEqual([
      ['en', 'refund', 2],
      ['ru', 'возврат денег', 2],
    ]);
  });

  it('counts each question once, shows distinct samples, and leaves out questions outside the window', () => {
    const groups = groupGaps(
      [
        q('gift wrapping available?', 1),
        q('Gift wrapping available?', 2),
        q('is gift wrapping possible', 3),
        q('gift wrapping in store', 31 * 24 * 60),
        q('gift wrapping tomorrow', -10),
      ],
      { now: NOW, windowMs: WINDOW, samples: 2 },
    );
    expect(groups).toHaveLength(1);
    expect(groups[0]).toMatchObject({ label: 'gift wrapping', count: 3 });
    expect(groups[0]!.samples.map((s) => s.text)).toEqual(['gift wrapping available?', 'is gift wrapping possible']);
  });

  it('is deterministic: the same questions in any order give the same groups', () => {
    const questions = [
      q('track my parcel please', 1),
      q('parcel tracking number missing', 2),
      q('parcel arrived damaged', 3),
      q('damaged parcel box', 4),
      q('tracking link broken', 5),
      q('link in email broken', 6),
    ];
    const once = groupGaps(questions, { now: NOW, windowMs: WINDOW });
    expect(groupGaps([...questions].reverse(), { now: NOW, windowMs: WINDOW })).toEqual(once);
    expect(new Set(once.map((g) => g.key)).size).toBe(once.length);
    expect(once.reduce((n, g) => n + g.count, 0)).toBe(questions.length);
  });
});

describe('content gaps: the draft article', () => {
  it('is titled from the shared terms and lists the distinct questions, in their locale', () => {
    const [group] = groupGaps([q('доставка в Норвегию?', 1, 'ru'), q('Доставка в норвегию', 2, 'ru'), q('доставка в Норвегию?', 3, 'ru')], {
      now: NOW,
      windowMs: WINDOW,
    });
    const texts = ['доставка в Норвегию?', 'Доставка  в норвегию', 'доставка в Норвегию?'];
    expect(gapDraft(group!, texts, 'Доставка')).toEqual({
      title: 'Доставка норвегию',
      body: '- доставка в Норвегию?\n- Доставка в норвегию',
      category: 'Доставка',
      tags: [],
      locale: 'ru',
    });
  });
});
