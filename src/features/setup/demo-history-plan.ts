import type { EffortCategory } from '../../db/schema.js';
import type { Locale } from '../../web/i18n.js';
import { addDays } from '../analytics/time-zone.js';
import { type DemoProductKey, HISTORY_TEXTS } from './demo-history-texts.js';
import { type DemoPerson, peopleMaker } from './demo-people.js';
import { type Random, seededRandom } from './demo-random.js';

/**
 * The demo store's year as a plan: who bought what on which day, who
 * subscribed and signed up, and the hours the creator recorded. Pure and
 * seeded, so the same day and seed always give the same year. The story:
 * products are built one after another while client work pays the bills,
 * three weeks of holiday without any work while sales go on, and after the
 * last launch the hours almost stop while 1:n income keeps growing. The last
 * product is the online course: recorded in the weeks before the holiday,
 * launched the day after it, and from then on it sells and is taken by its
 * students with hardly an hour more of the creator's time.
 */

export type { DemoProductKey };
export type SaleProduct = Exclude<DemoProductKey, 'membership'>;

/** Minor units of the store's currency, as the products and tiers are priced. */
export type DemoPrices = {
  ebook: number;
  bundleMin: number;
  bundleSuggested: number;
  plugin: number;
  course: number;
  hourly: number;
};

export type PlannedRefund = { afterMinutes: number; amountMinor: number };
/**
 * How a buyer of the course takes it: `reach` is the share of its lessons
 * they complete (0: never opened it, 1: all of them), starting `startHours`
 * after enrolling, `paceHours` between lessons (or later, when drip opens
 * the next one), about `minutes` on each lesson page.
 */
export type PlannedStudy = {
  reach: number;
  startHours: number;
  paceHours: number;
  minutes: number;
  /** Attempts a quiz takes them (the last one passes, as far as the quiz allows). */
  quizTries: number;
};
/** `minute`: minutes after the store-local midnight of `day`. */
export type PlannedSale = {
  product: SaleProduct;
  day: string;
  minute: number;
  person: number;
  amountMinor: number;
  refund: PlannedRefund | null;
  /** Sales of the course only. */
  study?: PlannedStudy;
};
export type PlannedSubscription = {
  person: number;
  day: string;
  minute: number;
  interval: 'month' | 'year';
  /** The period in which the member cancels (1 = the first); null: stays. */
  cancelInPeriod: number | null;
  /** How far into that period the cancellation comes (0–1). */
  cancelAt: number;
};
export type PlannedSignUp = { person: number; day: string; minute: number; unsubscribeAfterDays: number | null };
export type PlannedEffort = {
  product: DemoProductKey;
  day: string;
  minutes: number;
  category: EffortCategory;
  note: string;
};
export type PlannedClientWork = { day: string; minutes: number; amountMinor: number; note: string };
export type PlannedVisits = { product: SaleProduct; day: string; referrer: string; campaign: string; visitors: number };
export type PlannedCheckouts = { product: SaleProduct; day: string; started: number };

export type DemoPlan = {
  people: DemoPerson[];
  sales: PlannedSale[];
  subscriptions: PlannedSubscription[];
  signUps: PlannedSignUp[];
  effort: PlannedEffort[];
  clientWork: PlannedClientWork[];
  holiday: { startDay: string; endDay: string; note: string };
  launches: Record<DemoProductKey, string>;
  visits: PlannedVisits[];
  checkouts: PlannedCheckouts[];
};

/** Days of history, ending yesterday (today stays the visitor's own). */
export const HISTORY_DAYS = 364;
export const DEMO_SEED = 20_260_517;

/** Day indexes (0 = the first day of the history). */
const LAUNCH: Record<DemoProductKey, number> = {
  ebook: 60,
  checklist: 45,
  membership: 95,
  bundle: 140,
  plugin: 210,
  course: 259,
};
/**
 * The products planned day by day on the main random stream. The course
 * came last and is planned after them on a stream of its own (planCourse),
 * so adding it left the rest of the year exactly as it was.
 */
const FIRST_PRODUCTS = ['ebook', 'checklist', 'membership', 'bundle', 'plugin'] as const;
const BUILD: readonly (readonly [DemoProductKey, number, number])[] = [
  ['ebook', 0, 59],
  ['checklist', 35, 44],
  ['membership', 85, 94],
  ['bundle', 100, 139],
  ['plugin', 150, 209],
];
const HOLIDAY = [238, 258] as const;
/** Recorded in the weeks before the holiday, launched the day after it. */
const COURSE_BUILD = [215, 237] as const;
const PLUGIN_UPDATE = [300, 304] as const;
/** Orders a day at launch and how many more by the end of the year. */
const DEMAND: Record<SaleProduct, readonly [number, number]> = {
  checklist: [0.6, 0.9],
  ebook: [0.9, 2.2],
  bundle: [0.45, 1],
  plugin: [0.45, 1],
  course: [0.5, 1.1],
};
const SALE_ORDER: readonly SaleProduct[] = ['checklist', 'ebook', 'bundle', 'plugin'];
const SOURCES = [
  ['', 45],
  ['www.google.com', 25],
  ['mastodon.social', 12],
  ['duckduckgo.com', 10],
  ['www.youtube.com', 8],
] as const;

type Ctx = { random: Random; plan: DemoPlan; prices: DemoPrices; locale: Locale; dayOf: (i: number) => string };

export function planDemoHistory(o: { today: string; locale: Locale; prices: DemoPrices; seed?: number }): DemoPlan {
  const seed = o.seed ?? DEMO_SEED;
  const random = seededRandom(seed);
  const dayOf = (i: number) => addDays(o.today, i - HISTORY_DAYS);
  const launches = Object.fromEntries(Object.entries(LAUNCH).map(([k, i]) => [k, dayOf(i)])) as DemoPlan['launches'];
  const plan: DemoPlan = {
    people: [],
    sales: [],
    subscriptions: [],
    signUps: [],
    effort: [],
    clientWork: [],
    holiday: { startDay: dayOf(HOLIDAY[0]), endDay: dayOf(HOLIDAY[1]), note: HISTORY_TEXTS[o.locale].holiday },
    launches,
    visits: [],
    checkouts: [],
  };
  const ctx: Ctx = { random, plan, prices: o.prices, locale: o.locale, dayOf };
  const people = crowd(ctx);
  for (let i = 0; i < HISTORY_DAYS; i++) {
    const weekday = isWeekday(dayOf(i));
    planSales(ctx, people, i, weekday);
    planMembers(ctx, people, i);
    if (isWorkday(ctx, i)) planWork(ctx, i);
  }
  planCourse({ ...ctx, random: seededRandom(seed ^ 0x5eed_c0de) });
  plan.sales.sort((a, b) => (a.day === b.day ? a.minute - b.minute : a.day < b.day ? -1 : 1));
  return plan;
}

function isWeekday(day: string): boolean {
  const d = new Date(`${day}T12:00:00Z`).getUTCDay();
  return d >= 1 && d <= 5;
}

/** New people, and now and then someone who bought before (a returning customer). */
function crowd(ctx: Ctx) {
  const make = peopleMaker(ctx.random);
  const buyers: number[] = [];
  const members = new Set<number>();
  const fresh = () => {
    ctx.plan.people.push(make());
    return ctx.plan.people.length - 1;
  };
  return {
    buyer: () => {
      const person = buyers.length > 0 && ctx.random.chance(0.15) ? ctx.random.pick(buyers) : fresh();
      buyers.push(person);
      return person;
    },
    /** A person not yet on the list: sometimes a buyer, mostly someone new. */
    member: (fromBuyers: number) => {
      let person = buyers.length > 0 && ctx.random.chance(fromBuyers) ? ctx.random.pick(buyers) : fresh();
      if (members.has(person)) person = fresh();
      members.add(person);
      return person;
    },
  };
}

function isWorkday(ctx: Ctx, i: number): boolean {
  return isWeekday(ctx.dayOf(i)) && !(i >= HOLIDAY[0] && i <= HOLIDAY[1]);
}

function demand(product: SaleProduct, i: number, weekday: boolean): number {
  const launch = LAUNCH[product];
  if (i < launch) return 0;
  const [base, growth] = DEMAND[product];
  const t = (i - launch) / (HISTORY_DAYS - 1 - launch);
  return (base + growth * t) * (i - launch < 7 ? 2.5 : 1) * (weekday ? 1 : 1.15);
}

function planSales(ctx: Ctx, people: ReturnType<typeof crowd>, i: number, weekday: boolean): void {
  const { random, plan } = ctx;
  const day = ctx.dayOf(i);
  for (const product of SALE_ORDER) {
    const n = random.poisson(demand(product, i, weekday));
    for (let k = 0; k < n; k++) {
      const amountMinor = amountOf(ctx, product);
      plan.sales.push({
        product,
        day,
        minute: random.int(7 * 60, 23 * 60 - 1),
        person: people.buyer(),
        amountMinor,
        refund: refundOf(random, product, amountMinor),
      });
    }
    if (i >= LAUNCH[product]) planVisits(ctx, product, day, n, i - LAUNCH[product] < 7);
  }
}

function amountOf({ random, prices }: Ctx, product: SaleProduct): number {
  switch (product) {
    case 'checklist':
      return 0;
    case 'ebook':
      return prices.ebook;
    case 'plugin':
      return prices.plugin;
    case 'course':
      return prices.course;
    case 'bundle': {
      // Pay what you want: most pay the suggested price, some the minimum, a few more.
      const { bundleMin: min, bundleSuggested: suggested } = prices;
      return random.weighted([
        [min, 3],
        [Math.round((min + suggested) / 2), 2],
        [suggested, 5],
        [suggested + Math.round((suggested - min) / 2), 1],
      ]);
    }
  }
}

function refundOf(random: Random, product: SaleProduct, amountMinor: number): PlannedRefund | null {
  if (amountMinor === 0) return null;
  const afterMinutes = random.int(60, 10 * 24 * 60);
  if (random.chance(0.025)) return { afterMinutes, amountMinor };
  // A partial refund: a buyer of the bundle who paid more than meant to get half back.
  if (product === 'bundle' && random.chance(0.03)) return { afterMinutes, amountMinor: Math.floor(amountMinor / 2) };
  return null;
}

function planVisits(ctx: Ctx, product: SaleProduct, day: string, orders: number, launchWeek: boolean): void {
  const { random, plan } = ctx;
  const visitors = orders * random.int(12, 25) + random.poisson(4);
  let left = visitors;
  for (const [referrer, share] of SOURCES) {
    const v = referrer === 'www.youtube.com' ? left : Math.min(left, Math.round((visitors * share) / 100));
    left -= v;
    if (v > 0) plan.visits.push({ product, day, referrer, campaign: '', visitors: v });
  }
  if (launchWeek) plan.visits.push({ product, day, referrer: '', campaign: 'launch', visitors: random.int(5, 30) });
  const started = orders + random.poisson(0.4 + orders * 0.3);
  if (started > 0) plan.checkouts.push({ product, day, started });
}

function planMembers(ctx: Ctx, people: ReturnType<typeof crowd>, i: number): void {
  const { random, plan } = ctx;
  const from = LAUNCH.membership;
  if (i < from) return;
  const t = (i - from) / (HISTORY_DAYS - 1 - from);
  const day = ctx.dayOf(i);
  for (let k = random.poisson(0.4 + 0.8 * t); k > 0; k--) {
    const unsubscribe = random.chance(0.06) ? random.int(5, 120) : null;
    const person = people.member(0.2);
    plan.signUps.push({ person, day, minute: random.int(6 * 60, 23 * 60), unsubscribeAfterDays: unsubscribe });
  }
  for (let k = random.poisson(0.15 + 0.35 * t); k > 0; k--) {
    const interval = random.chance(0.25) ? 'year' : 'month';
    let cancelInPeriod: number | null = null;
    if (interval === 'year') cancelInPeriod = random.chance(0.2) ? 1 : null;
    else for (let p = 1; p <= 13 && cancelInPeriod === null; p++) if (random.chance(0.07)) cancelInPeriod = p;
    plan.subscriptions.push({
      person: people.member(0.3),
      day,
      minute: random.int(6 * 60, 23 * 60),
      interval,
      cancelInPeriod,
      cancelAt: 0.1 + random.next() * 0.8,
    });
  }
}

function planWork(ctx: Ctx, i: number): void {
  const { random, plan, locale } = ctx;
  const day = ctx.dayOf(i);
  const texts = HISTORY_TEXTS[locale];
  const effort = (product: DemoProductKey, category: EffortCategory, minutes: number) => {
    const notes = texts.effort[product][category] ?? [];
    plan.effort.push({ product, day, minutes, category, note: notes.length ? random.pick(notes) : '' });
  };
  for (const [product, from, to] of BUILD) {
    if (i >= from && i <= to && random.chance(0.55)) effort(product, 'creation', 15 * random.int(4, 10));
  }
  // The weekly letter is written on Mondays.
  if (i > LAUNCH.membership && new Date(`${day}T12:00:00Z`).getUTCDay() === 1) {
    effort('membership', 'creation', 15 * random.int(3, 5));
  }
  if (i >= PLUGIN_UPDATE[0] && i <= PLUGIN_UPDATE[1]) effort('plugin', 'update', 15 * random.int(8, 14));
  for (const product of FIRST_PRODUCTS) {
    if (i > LAUNCH[product] && random.chance(0.03)) effort(product, 'support', 15 * random.int(1, 3));
  }
  // 1:1 work pays the bills all year, less of it once the products sell.
  const early = i < HOLIDAY[0];
  if (random.chance(early ? 0.65 : 0.45)) {
    const minutes = 30 * (early ? random.int(4, 12) : random.int(3, 8));
    const project = Math.floor(i / 60) % texts.clients.length;
    const rate = Math.round((ctx.prices.hourly * (90 + 5 * (project % 4))) / 100);
    plan.clientWork.push({
      day,
      minutes,
      amountMinor: Math.round((minutes * rate) / 60),
      note: texts.clients[project] ?? '',
    });
  }
}

/**
 * The course, on its own random stream: the creator's hours while recording
 * it (the notes in the order the work was done) and a few support hours
 * later; from its launch on, its sales (some to people who bought or signed
 * up before, each person once), with visits and checkouts like the other
 * products', and how far each buyer gets through it.
 */
function planCourse(ctx: Ctx): void {
  const { random, plan, locale } = ctx;
  const texts = HISTORY_TEXTS[locale].effort.course;
  const creation = texts.creation ?? [];
  const [from, to] = COURSE_BUILD;
  for (let i = 0; i < HISTORY_DAYS; i++) {
    if (!isWorkday(ctx, i)) continue;
    const day = ctx.dayOf(i);
    if (i >= from && i <= to && random.chance(0.8)) {
      const note = creation[Math.floor(((i - from) / (to - from + 1)) * creation.length)] ?? '';
      plan.effort.push({ product: 'course', day, minutes: 15 * random.int(6, 14), category: 'creation', note });
    }
    // Questions come mostly in the first weeks after the launch, then now and then.
    if (i > LAUNCH.course && random.chance(i - LAUNCH.course <= 21 ? 0.3 : 0.05)) {
      const note = texts.support?.[0] ?? '';
      plan.effort.push({ product: 'course', day, minutes: 15 * random.int(1, 3), category: 'support', note });
    }
  }
  // Who could come back: everyone who bought or signed up before, in the order they did.
  const earlier = [
    ...plan.sales.map((s) => ({ day: s.day, person: s.person })),
    ...plan.signUps.map((s) => ({ day: s.day, person: s.person })),
  ].sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const known: number[] = [];
  const students = new Set<number>();
  const make = peopleMaker(random, new Set(plan.people.map((p) => p.email)));
  const student = () => {
    let person = known.length > 0 && random.chance(0.3) ? random.pick(known) : -1;
    if (person < 0 || students.has(person)) {
      plan.people.push(make());
      person = plan.people.length - 1;
    }
    students.add(person);
    return person;
  };
  let next = 0;
  for (let i = LAUNCH.course; i < HISTORY_DAYS; i++) {
    const day = ctx.dayOf(i);
    for (let e = earlier[next]; e && e.day < day; e = earlier[++next]) known.push(e.person);
    const n = random.poisson(demand('course', i, isWeekday(day)));
    for (let k = 0; k < n; k++) {
      const amountMinor = amountOf(ctx, 'course');
      plan.sales.push({
        product: 'course',
        day,
        minute: random.int(7 * 60, 23 * 60 - 1),
        person: student(),
        amountMinor,
        refund: refundOf(random, 'course', amountMinor),
        study: studyOf(random),
      });
    }
    planVisits(ctx, 'course', day, n, i - LAUNCH.course < 7);
  }
}

/** Some never start, about a third finish, the rest stop somewhere on the way. */
function studyOf(random: Random): PlannedStudy {
  const reach = random.weighted([
    ['none', 15],
    ['part', 50],
    ['all', 35],
  ] as const);
  return {
    reach: reach === 'none' ? 0 : reach === 'all' ? 1 : random.next(),
    startHours: random.int(0, 72),
    paceHours: random.int(6, 6 * 24),
    minutes: random.int(8, 35),
    quizTries: random.weighted([
      [1, 6],
      [2, 3],
      [3, 1],
    ] as const),
  };
}
