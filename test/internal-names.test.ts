// What the admin pages show for the store's internal names: every background
// job kind (/admin/jobs), every email template (the outbox), every count an
// order's timeline shows for what it granted, every audit action
// and every detail an action records (/admin/audit) has a label in both
// languages, so no page shows a bare `events.hold-expiry` or `questionId`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { recordAudit } from '../src/features/admin/audit.js';
import { features } from '../src/features/index.js';
import { allJobs } from '../src/jobs/registry.js';
import { buildTestApp, setUpStore, type TestApp, TestClient } from '../src/testing/app.js';
import { allMessages } from '../src/web/messages.js';

const { en, de } = allMessages();
const labelled = (key: string) => Boolean(en[key]) && Boolean(de[key]);

/** The text of every source file (tests left out). */
function sources(dir = join(import.meta.dirname, '../src')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [readFileSync(path, 'utf8')] : [];
  });
}

/** Each `recordAudit(…)` call's text, parentheses balanced. */
function auditCalls(): string[] {
  const calls: string[] = [];
  for (const text of sources()) {
    for (let at = text.indexOf('recordAudit('); at >= 0; at = text.indexOf('recordAudit(', at + 1)) {
      let depth = 0;
      let end = at + 'recordAudit'.length;
      do {
        if (text[end] === '(') depth++;
        if (text[end] === ')') depth--;
        end++;
      } while (depth > 0 && end < text.length);
      const call = text.slice(at, end);
      if (!/^recordAudit\(\s*\w+:/.test(call)) calls.push(call); // the definition names its parameters
    }
  }
  return calls;
}

describe('internal names have a label in both languages', () => {
  test('every background job kind', () => {
    const missing = allJobs.map((j) => j.kind).filter((kind) => !labelled(`jobs.kind.${kind}`));
    assert.deepEqual(missing, []);
  });

  test('every count an entitlement writes into an order’s timeline', () => {
    const keys = features.flatMap((f) => (f.entitlements ?? []).flatMap((e) => (e.timelineKey ? [e.timelineKey] : [])));
    assert.ok(keys.length >= 6, `only ${keys.length} timeline keys found`);
    assert.deepEqual(
      keys.filter((k) => !labelled(`orders.fact.${k}`)),
      [],
    );
  });

  test('every email template', () => {
    const names = ['password-reset', 'test-message', ...features.flatMap((f) => Object.keys(f.emailTemplates ?? {}))];
    assert.ok(names.length > 20, `only ${names.length} templates found`);
    assert.deepEqual(
      names.filter((n) => !labelled(`email.template.${n}`)),
      [],
    );
  });

  test('every audit action and every detail it records', () => {
    const calls = auditCalls();
    assert.ok(calls.length > 40, `only ${calls.length} audit calls found`);
    const actions = new Set<string>();
    const fields = new Set<string>();
    for (const call of calls) {
      for (const m of call.matchAll(/'([a-z0-9_.-]+\.[a-z0-9_.-]+|login)'/g)) actions.add(m[1]!);
      // `course-question.${o.status}`: one action per status.
      if (call.includes('`course-question.${'))
        for (const s of ['visible', 'hidden']) actions.add(`course-question.${s}`);
      const detail = call.indexOf('{');
      if (detail >= 0)
        for (const m of call.slice(detail).matchAll(/[{,]\s*([a-zA-Z]\w*)\s*(?=[:,}])/g)) fields.add(m[1]!);
    }
    assert.ok(actions.has('event.session-moved') && fields.has('sessionId'), 'the scan misses hyphenated actions');
    assert.deepEqual(
      [...actions].filter((a) => !labelled(`admin.audit.action.${a}`)),
      [],
    );
    assert.deepEqual(
      [...fields].filter(
        (f) =>
          !labelled(`admin.audit.field.${f}`) && ![...actions].some((a) => labelled(`admin.audit.field.${a}.${f}`)),
      ),
      [],
    );
  });
});

describe('the audit log reads as words on the store’s clock', () => {
  let t: TestApp;
  let client: TestClient;
  before(async () => {
    t = await buildTestApp();
    await setUpStore(t.services, { locale: 'de' });
    client = new TestClient(t.app);
    await client.login();
  });
  after(() => t.close());

  test('a moved session shows its old and new start in the store’s time zone, labelled for the move', async () => {
    await recordAudit(t.services.database.db, 'admin@example.com', 'event.session-moved', {
      sessionId: 's-1',
      from: '2026-03-02T09:00:00.000Z',
      to: '2026-03-09T09:00:00.000Z',
    });
    const res = await client.get('/admin/audit');
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /Veranstaltungstermin verlegt/);
    assert.match(res.body, /Bisheriger Beginn: 02\.03\.2026, 10:00/);
    assert.match(res.body, /Neuer Beginn: 09\.03\.2026, 10:00/);
    assert.doesNotMatch(res.body, /2026-03-02T09/);
    assert.doesNotMatch(res.body, /<code>(sessionId|from|to)<\/code>/);
  });
});
