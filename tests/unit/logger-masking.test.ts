import { describe, expect, it } from 'vitest';
import { createLogger } from '../../server/infra/logger';

/** A logger writing its lines here, parsed. */
function capture() {
  const lines: string[] = [];
  const log = createLogger('info', { write: (line: string) => lines.push(line) });
  return { log, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe('the server logger masks payment secrets', () => {
  it('in the message, its format arguments and any string of the logged object', () => {
    const { log, lines, parsed } = capture();
    log.info(
      { text: 'card 4111 1111 1111 1111', nested: { list: ['IBAN RO49AAAA1B31007593840000'] }, seq: 4111111111111111 },
      'got %s',
      'cvc 123',
    );
    log.warn('Платёж картой 5555-5555-5555-4444 не прошёл');
    expect(parsed()).toEqual([
      expect.objectContaining({
        msg: 'got cvc •••',
        text: 'card •••• 1111',
        nested: { list: ['IBAN RO•• •••• 0000'] },
        seq: 4111111111111111,
      }),
      expect.objectContaining({ msg: 'Платёж картой •••• 4444 не прошёл' }),
    ]);
    expect(lines.join('')).not.toMatch(/4111 1111|5555-5555|AAAA1B31/);
  });

  it("in an error's message and stack, keeping its type and fields", () => {
    const { log, lines, parsed } = capture();
    const failure = Object.assign(new TypeError('could not store "kartu 3782 822463 10005"'), { code: 'E_STORE', detail: 'CVV 737' });
    log.error({ err: failure }, 'store failed');
    log.error(new Error('شماره کارت ۶۰۳۷-۹۹۱۲-۳۴۵۶-۷۸۹۳', { cause: new Error('card 4242424242424242') }));
    const [first, second] = parsed();
    expect(first).toMatchObject({
      msg: 'store failed',
      err: { type: 'TypeError', message: 'could not store "kartu •••• 0005"', code: 'E_STORE', detail: 'CVV •••' },
    });
    expect(second).toMatchObject({ msg: 'شماره کارت •••• ۷۸۹۳', err: { type: 'Error' } });
    expect(lines.join('')).not.toMatch(/822463|۶۰۳۷|4242424242424242/);
    // The logged error itself is left as it was.
    expect(failure.message).toBe('could not store "kartu 3782 822463 10005"');
  });
});
