import type mongoose from 'mongoose';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Ack, ConversationSummary, ProactivePrompt, TrackedEvent, VisitorContextAnswer, VisitorProfile } from '../../shared/contract';
import { deriveStage, type PageType, type Stage } from '../../shared/lifecycle';
import { openDb } from '../helpers/kb';
import { newDeployment, startServerProcess, type ServerProcess } from '../helpers/server-process';
import {
  connectAgent,
  connected,
  clientId,
  connectVisitor,
  signIn,
  type AgentSocket,
  type VisitorSession,
  type VisitorSocket,
} from '../helpers/test-server';
import { runPool, storedVisitorFields, type StoredVisitorFields } from '../helpers/visitor-record';

// One visitor per round, with a tab on each of two server processes. At once: a question with a name
// and the inline email step on one tab, page views from both tabs, cart changes handed from tab to tab, the checkout-idle timer
// firing from bull, and new tabs opening (handshakes). Then every acked field is read back through
// the console's and the widget's own events and must be intact.

/** 60 in `npm test`; `CONCURRENCY_ROUNDS=200 npx vitest run tests/integration/visitor-concurrency.test.ts` for the longer proof. */
const ROUNDS = Number(process.env.CONCURRENCY_ROUNDS ?? 60);
const ROUNDS_AT_ONCE = 20;
const SHOP = 'https://shop.example';
/**
 * The checkout tab reports 32 idle minutes (a tab coming back from the background): its checkout-idle
 * timer is due at once, so bull fires it on either process while the tabs browse on — the same job
 * path as a threshold passing, without waiting for it. The idle spell also ends the session (30 min),
 * so the rest of the round is a session without checkout and the stage follows the cart alone.
 */
const IDLE_SECONDS = 32 * 60;
const PAGE_VIEWS_PER_TAB = 3;
const NEW_TABS = 2;
/** Product pages tab A views before the checkout. */
const SETUP_PRODUCT_VIEWS = 2;
/** How long a round's read-back may take to show every acked field before the missing ones count as lost. */
const SETTLE_MS = 1000;
const ACK_TIMEOUT_MS = 30_000;

type Cart = VisitorContextAnswer['cart'];

/** What one round's widget tabs were acked, and what they were told. */
interface Round {
  index: number;
  visitorId: string;
  tabs: VisitorSocket[];
  prompts: ProactivePrompt[];
  /** Prompts already received when the round was last checked: a later one gets checked again. */
  promptsChecked: number;
  form: { name: string; email: string; conversationId: string } | null;
  /** Acked page views after the idle report: each must be counted exactly once. */
  pageUrls: string[];
  /** The last acked cart; null when a cart change was refused (then the cart is unknown). */
  cart: Cart | null;
  /** Requests that were not acked `ok`: each is a failure of the round too. */
  refused: string[];
}

interface Observed {
  context: VisitorContextAnswer | null;
  profile: VisitorProfile | null;
  conversation: ConversationSummary | null;
  widgetStage: Stage | null;
  stored: StoredVisitorFields | null;
}

/** A field that did not read back as acked, with what was expected and seen (for the summary). */
interface Lost {
  field: string;
  detail: string;
}

let processes: ServerProcess[] = [];
let agent: AgentSocket;
let db: mongoose.Connection;

beforeAll(async () => {
  const deployment = newDeployment();
  // Every client here is 127.0.0.1: the per-address and per-visitor limits would refuse the load.
  const env = { RATE_LIMIT_PER_IP: '0', RATE_LIMIT_PER_SENDER: '0' };
  processes = await Promise.all([startServerProcess(deployment, env), startServerProcess(deployment, env)]);
  agent = connectAgent(processes[0]!, await signIn(processes[0]!));
  await connected(agent);
  db = await openDb(deployment.dbName);
}, 120_000);

afterAll(async () => {
  agent?.close();
  await db?.close();
  await Promise.all(processes.map((p) => p.stop()));
});

it(`keeps every acked visitor field through ${ROUNDS} rounds of form, tracking, a hesitation timer and new tabs at once on two processes`, async () => {
  const started = Date.now();
  const results = await runPool(ROUNDS, ROUNDS_AT_ONCE, async (index) => {
    const round = await playRound(index);
    return { round, lost: await check(round) };
  });
  // A timer still running at a round's check may have prompted since: check those rounds again.
  const late = results.filter(({ round }) => round.prompts.length > round.promptsChecked);
  await Promise.all(late.map(async (result) => (result.lost = await check(result.round))));
  for (const { round } of results) for (const tab of round.tabs) tab.close();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);

  const byField = new Map<string, { rounds: number; example: string }>();
  for (const { round, lost } of results) {
    for (const field of new Set(lost.map((l) => l.field))) {
      const entry = byField.get(field) ?? { rounds: 0, example: `round ${round.index}: ${lost.find((l) => l.field === field)!.detail}` };
      entry.rounds += 1;
      byField.set(field, entry);
    }
  }
  const fired = results.filter(({ round }) => round.prompts.length > 0).length;
  const failed = results.filter(({ lost }) => lost.length > 0).length;
  const summary = [
    `${ROUNDS} rounds (${ROUNDS_AT_ONCE} at once) on 2 server processes in ${seconds} s; the hesitation timer prompted in ${fired} rounds; ${failed} rounds lost or broke an acked field`,
    ...[...byField].map(([field, { rounds, example }]) => `  ${field}: ${rounds}/${ROUNDS} rounds (e.g. ${example})`),
  ].join('\n');
  console.log(summary);

  expect(fired, 'the hesitation timer never prompted: the rounds no longer exercise it').toBeGreaterThan(0);
  expect(Object.fromEntries([...byField].map(([field, { rounds }]) => [field, rounds])), summary).toEqual({});
}, 150_000);

async function playRound(index: number): Promise<Round> {
  const [first, second] = processes as [ServerProcess, ServerProcess];
  const a = await openTab(first);
  const { visitorId, token } = a.session;
  const b = await openTab(second, token);
  const round: Round = {
    index,
    visitorId,
    tabs: [a.socket, b.socket],
    prompts: [],
    promptsChecked: 0,
    form: null,
    pageUrls: [],
    cart: null,
    refused: [],
  };
  a.socket.on('proactive:prompt', (prompt) => round.prompts.push(prompt));
  if (b.session.visitorId !== visitorId) round.refused.push(`second tab: another visitor ${b.session.visitorId}`);

  // Tab A: a product page, one item in the cart (purchase), a second product page (so an emptied
  // cart means evaluation whatever the order of what follows), then the checkout.
  await track(round, a.socket, pageView(`/product/${index}-first`, 'product'));
  if (await track(round, a.socket, cartOf(1))) round.cart = { items: 1, value: 25, currency: 'USD' };
  await track(round, a.socket, pageView(`/product/${index}-second`, 'product'));
  await track(round, a.socket, pageView('/checkout', 'checkout'));

  const question = await ask<{ message: { conversationId: string } }>(a.socket, 'message:send', {
    clientId: clientId(),
    text: 'Hello, is anyone there?',
  });
  if (!question.ok) round.refused.push(`message:send refused (${question.error.code}: ${question.error.message})`);
  const formTab = index % 2 === 0 ? a.socket : b.socket;
  await Promise.all([
    nameAndEmail(round, formTab, question.ok ? question.data.message.conversationId : null),
    openNewTabs(round, token),
    (async () => {
      if (!(await track(round, a.socket, { type: 'page_time', activeSeconds: 5, idleSeconds: IDLE_SECONDS }))) return;
      await Promise.all([browse(round, a.socket, 'a'), browse(round, b.socket, 'b'), passCartAround(round, [a.socket, b.socket])]);
    })(),
  ]);
  return round;
}

/** A widget tab: connects (with the visitor's token, or as a new visitor) and syncs, as the widget does on load. */
async function openTab(server: ServerProcess, token?: string): Promise<{ socket: VisitorSocket; session: VisitorSession }> {
  const socket = connectVisitor(server, token ? { token } : {});
  await connected(socket);
  const sync = await ask<VisitorSession>(socket, 'visitor:sync', { afterSeq: -1 });
  if (!sync.ok) throw new Error(`visitor:sync refused: ${sync.error.code} ${sync.error.message}`);
  return { socket, session: sync.data };
}

type PageView = Extract<TrackedEvent, { type: 'page_view' }>;
type CartChange = Extract<TrackedEvent, { type: 'cart' }>;

function pageView(path: string, pageType: PageType): PageView {
  return { type: 'page_view', url: `${SHOP}${path}`, title: path, pageType };
}

function cartOf(items: number): CartChange {
  return { type: 'cart', items, value: items * 25, currency: 'USD' };
}

/** Sends a tracked event; a refusal is recorded as a failure of the round. */
async function track(round: Round, tab: VisitorSocket, event: TrackedEvent): Promise<boolean> {
  const ack = await ask<null>(tab, 'track', event);
  if (!ack.ok) round.refused.push(`track ${event.type} refused (${ack.error.code}: ${ack.error.message})`);
  return ack.ok;
}

/**
 * Emits a request and answers its acknowledgement; none within ACK_TIMEOUT_MS (the machine may be
 * busy: this is a correctness test, not a latency one) counts as a refusal.
 */
function ask<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return (socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload) as Promise<Ack<T>>).catch((err: unknown) => ({
    ok: false as const,
    error: { code: 'internal' as const, message: `no ack: ${String(err)}` },
  }));
}

/**
 * What took the offline form's place: the question is written in the chat (`conversationId`, sent
 * before the race from the checkout tab, so it records no product question), then the name and the
 * inline email step race the other writers.
 */
async function nameAndEmail(round: Round, tab: VisitorSocket, conversationId: string | null): Promise<void> {
  const form = { name: `Jan Round${round.index}`, email: `jan.${round.index}@example.com` };
  const [named, contact] = await Promise.all([
    ask(tab, 'visitor:identify', { id: `jan-${round.index}`, name: form.name }),
    ask(tab, 'visitor:contact', { email: form.email }),
  ]);
  for (const [event, ack] of [
    ['visitor:identify', named],
    ['visitor:contact', contact],
  ] as const) {
    if (!ack.ok) round.refused.push(`${event} refused (${ack.error.code}: ${ack.error.message})`);
  }
  if (conversationId && named.ok && contact.ok) round.form = { ...form, conversationId };
}

/** Page views of one tab, one after another as a visitor clicks. */
async function browse(round: Round, tab: VisitorSocket, name: string): Promise<void> {
  for (let i = 0; i < PAGE_VIEWS_PER_TAB; i++) {
    const event = pageView(`/product/${round.index}-${name}${i}`, 'product');
    if (await track(round, tab, event)) round.pageUrls.push(event.url);
  }
}

/** Cart changes taking turns between the tabs, each after the previous one's ack: the last ack is the cart. Half the rounds empty it. */
async function passCartAround(round: Round, tabs: VisitorSocket[]): Promise<void> {
  const emptied = round.index % 4 < 2;
  const steps = [cartOf(2), cartOf(1), cartOf(emptied ? 0 : 3)];
  for (const [i, cart] of steps.entries()) {
    if (!(await track(round, tabs[i % tabs.length]!, cart))) {
      round.cart = null;
      return;
    }
    round.cart = { items: cart.items, value: cart.value, currency: cart.currency };
  }
}

/** New tabs of the same visitor on both processes: each handshake touches the visitor (lastSeenAt), then syncs. */
async function openNewTabs(round: Round, token: string): Promise<void> {
  await Promise.all(
    Array.from({ length: NEW_TABS }, async (_, i) => {
      const socket = connectVisitor(processes[(i + 1) % processes.length]!, { token });
      try {
        await connected(socket);
        const sync = await ask<VisitorSession>(socket, 'visitor:sync', { afterSeq: -1 });
        if (!sync.ok) round.refused.push(`new tab sync refused (${sync.error.code})`);
        else if (sync.data.visitorId !== round.visitorId) round.refused.push('new tab: another visitor');
      } catch (err) {
        round.refused.push(`new tab handshake failed (${String(err)})`);
      } finally {
        socket.close();
      }
    }),
  );
}

/** Reads the round back until every acked field shows, or until SETTLE_MS have passed; answers what is still lost. */
async function check(round: Round): Promise<Lost[]> {
  const giveUpAt = Date.now() + SETTLE_MS;
  let lost: Lost[] = [];
  await expect
    .poll(
      async () => {
        round.promptsChecked = round.prompts.length;
        lost = lostFields(round, await observe(round));
        return lost.length === 0 || Date.now() >= giveUpAt;
      },
      { timeout: SETTLE_MS + 15_000, interval: 250 },
    )
    .toBe(true);
  return [...round.refused.map((detail) => ({ field: 'refused or unanswered request', detail })), ...lost];
}

/** The visitor as the console sees it (visitor panel, opened conversation), as the widget syncs it, and the stored prompt clock. */
async function observe(round: Round): Promise<Observed> {
  const data = <T>(ack: Ack<T> | null): T | null => (ack?.ok ? ack.data : null);
  const [context, opened, sync, stored] = await Promise.all([
    ask<VisitorContextAnswer>(agent, 'visitor:context', { visitorId: round.visitorId }),
    round.form
      ? ask<{ conversation: ConversationSummary; visitor: VisitorProfile }>(agent, 'conversation:open', {
          conversationId: round.form.conversationId,
        })
      : null,
    ask<VisitorSession>(round.tabs[1]!, 'visitor:sync', { afterSeq: -1 }),
    storedVisitorFields(db, round.visitorId),
  ]);
  return {
    context: data(context),
    profile: data(opened)?.visitor ?? null,
    conversation: data(opened)?.conversation ?? null,
    widgetStage: data(sync)?.stage ?? null,
    stored,
  };
}

/** Every acked field of the round that the read-back does not show as acked. */
function lostFields(round: Round, seen: Observed): Lost[] {
  const lost: Lost[] = [];
  const differ = (field: string, expected: unknown, actual: unknown) => {
    if (JSON.stringify(expected) !== JSON.stringify(actual))
      lost.push({ field, detail: `expected ${JSON.stringify(expected)}, read ${JSON.stringify(actual)}` });
  };
  const { context, stored } = seen;

  if (round.form) {
    differ('name', round.form.name, seen.profile?.name);
    differ('email', round.form.email, seen.profile?.email);
  }

  if (round.cart) {
    differ('cart', round.cart, context?.cart);
    const { stage } = deriveStage({
      sessions: 2,
      identified: false,
      contentPages: 0,
      evaluationPages: SETUP_PRODUCT_VIEWS + round.pageUrls.length,
      kbSearches: 0,
      productQuestions: 0,
      cartItems: round.cart.items,
      checkoutStarted: false,
      orders: 0,
      advocacyActions: 0,
      atRisk: false,
    });
    differ('stage', stage, context?.stage);
    differ('stage seen by the widget', stage, seen.widgetStage);
    // First visit, then the cart made it a purchase; an emptied cart ends it.
    differ(
      'stage timeline',
      stage === 'purchase' ? ['awareness', 'purchase'] : ['awareness', 'purchase', stage],
      context?.timeline.map((t) => t.stage),
    );
  }

  // The idle report ended the first session: the visitor panel lists this session's pages, each acked view once.
  differ('page views of the session', [...round.pageUrls].sort(), context?.pages.map((p) => p.url).sort());
  differ(
    'lifetime page counts',
    { checkout: 1, product: SETUP_PRODUCT_VIEWS + round.pageUrls.length },
    stored && sortedKeys(stored.pageCounts),
  );

  if (round.prompts.length > 0) {
    differ(
      'prompt kind',
      ['checkout_idle'],
      round.prompts.map((p) => p.kind),
    );
    differ('hesitation', 'checkout_idle', context?.hesitation?.kind);
    differ('lastPromptedAt set', true, stored?.lastPromptedAt instanceof Date);
  }
  return lost;
}

function sortedKeys(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
