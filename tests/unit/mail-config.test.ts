import { expect, it } from 'vitest';
import { loadConfig } from '../../server/config';

const problem = (env: Record<string, string>) => {
  try {
    loadConfig(env);
    return null;
  } catch (err) {
    return (err as Error).message;
  }
};

it('takes SMTP_URL, MAIL_FROM and REPLY_EMAIL_DELAY_SECONDS, with defaults', () => {
  expect(loadConfig({})).toMatchObject({ MAIL_FROM: 'Lifecycle Chat <chat@localhost>', REPLY_EMAIL_DELAY_SECONDS: 60 });
  expect(loadConfig({}).SMTP_URL).toBeUndefined();
  expect(
    loadConfig({ SMTP_URL: 'smtps://user:pass@mail.example:465', MAIL_FROM: 'chat@shop.example', REPLY_EMAIL_DELAY_SECONDS: '1' }),
  ).toMatchObject({ SMTP_URL: 'smtps://user:pass@mail.example:465', MAIL_FROM: 'chat@shop.example', REPLY_EMAIL_DELAY_SECONDS: 1 });
});

it('refuses a bad mail setting, naming the variable', () => {
  expect(problem({ SMTP_URL: 'http://mail.example' })).toMatch(/SMTP_URL: an smtp:\/\/ or smtps:\/\/ URL/);
  expect(problem({ SMTP_URL: 'not a url' })).toMatch(/SMTP_URL:/);
  expect(problem({ MAIL_FROM: 'nobody' })).toMatch(/MAIL_FROM: an address such as/);
  expect(problem({ REPLY_EMAIL_DELAY_SECONDS: '0' })).toMatch(/REPLY_EMAIL_DELAY_SECONDS:/);
  expect(problem({ REPLY_EMAIL_DELAY_SECONDS: 'soon' })).toMatch(/REPLY_EMAIL_DELAY_SECONDS:/);
});
