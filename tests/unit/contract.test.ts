import { describe, expect, it } from 'vitest';
import { agentRequests, SignInBody, VisitorHandshake, visitorRequests } from '../../shared/contract';

const validClientId = 'a1b2c3d4e5f6a7b8c9d0';
const conversationId = '0123456789abcdef01234567';

describe('visitor request schemas', () => {
  const send = visitorRequests['message:send'].payload;

  it.each([
    [{ clientId: validClientId, text: 'Hello' }],
    [{ clientId: 'abc_DEF-123', text: '  padded  ' }],
    [{ clientId: validClientId, text: 'Привет, سلام, Dobrý den' }],
  ])('accepts %j', (payload) => {
    expect(send.safeParse(payload).success).toBe(true);
  });

  it.each([
    ['no text', { clientId: validClientId }],
    ['blank text', { clientId: validClientId, text: '   ' }],
    ['text over 5000 chars', { clientId: validClientId, text: 'x'.repeat(5001) }],
    ['short client id', { clientId: 'abc', text: 'hi' }],
    ['client id with spaces', { clientId: 'abc def ghi', text: 'hi' }],
    ['operator object as text', { clientId: validClientId, text: { $gt: '' } }],
    ['operator object as client id', { clientId: { $ne: null }, text: 'hi' }],
    ['a string', 'hello'],
    ['null', null],
  ])('rejects %s', (_name, payload) => {
    expect(send.safeParse(payload).success).toBe(false);
  });

  it('trims message text', () => {
    expect(send.parse({ clientId: validClientId, text: '  hi  ' }).text).toBe('hi');
  });

  it('defaults afterSeq to -1 and rejects non-integers', () => {
    const sync = visitorRequests['visitor:sync'].payload;
    expect(sync.parse({})).toEqual({ afterSeq: -1 });
    expect(sync.safeParse({ afterSeq: 1.5 }).success).toBe(false);
    expect(sync.safeParse({ afterSeq: -2 }).success).toBe(false);
  });

  it('requires a boolean typing flag', () => {
    const typing = visitorRequests['typing:set'].payload;
    expect(typing.safeParse({ typing: true }).success).toBe(true);
    expect(typing.safeParse({ typing: 'true' }).success).toBe(false);
  });

  it('validates the handshake', () => {
    expect(VisitorHandshake.safeParse({ siteKey: 'pk_x' }).success).toBe(true);
    expect(VisitorHandshake.safeParse({ siteKey: '' }).success).toBe(false);
    // Not a token: no identity, so the visitor starts afresh (tests/unit/input-sanitizing.test.ts).
    expect(VisitorHandshake.safeParse({ siteKey: 'pk_x', token: 'x'.repeat(2001) }).data?.token).toBeUndefined();
  });
});

describe('agent request schemas', () => {
  it('accepts an ObjectId-shaped conversation id only', () => {
    const open = agentRequests['conversation:open'].payload;
    expect(open.safeParse({ conversationId }).success).toBe(true);
    expect(open.safeParse({ conversationId: 'not-an-id' }).success).toBe(false);
    expect(open.safeParse({ conversationId: { $gt: '' } }).success).toBe(false);
  });

  it('defaults the inbox to open conversations', () => {
    expect(agentRequests['conversations:list'].payload.parse({})).toEqual({ status: 'open' });
    expect(agentRequests['conversations:list'].payload.safeParse({ status: 'all' }).success).toBe(false);
  });

  it('validates replies like visitor messages', () => {
    const send = agentRequests['message:send'].payload;
    expect(send.safeParse({ conversationId, clientId: validClientId, text: 'On its way!' }).success).toBe(true);
    expect(send.safeParse({ conversationId, clientId: validClientId, text: '' }).success).toBe(false);
  });
});

describe('REST schemas', () => {
  it('normalises the sign-in email and rejects junk', () => {
    expect(SignInBody.parse({ email: ' Admin@Example.com ', password: 'pw' }).email).toBe('admin@example.com');
    expect(SignInBody.safeParse({ email: 'not-an-email', password: 'pw' }).success).toBe(false);
    expect(SignInBody.safeParse({ email: { $gt: '' }, password: 'pw' }).success).toBe(false);
    expect(SignInBody.safeParse({ email: 'a@b.co', password: '' }).success).toBe(false);
  });
});
