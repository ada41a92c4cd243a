import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { isLocale } from '../../web/i18n.js';
import { recordAudit } from '../admin/audit.js';
import { queueEmail } from '../email/queue-email.js';
import { getStoreSettings } from '../settings/store-settings.js';
import { lessonQuestionsHref } from './paths.js';

/**
 * The creator's answer to a question: stored, the question marked answered
 * (at its first answer), and the student who asked emailed in the same
 * transaction — in their language if the store knows it (the customer's),
 * else the store's — once per answer.
 */
export async function answerQuestion(
  db: Kysely<DB>,
  o: { questionId: string; text: string; actor: string; publicUrl: string; now?: Date },
): Promise<{ kind: 'answered'; id: string } | { kind: 'not-found' }> {
  const now = (o.now ?? new Date()).toISOString();
  return db.transaction().execute(async (trx) => {
    const question = await trx
      .selectFrom('course_questions as q')
      .innerJoin('course_lessons as l', 'l.id', 'q.lesson_id')
      .innerJoin('products as p', 'p.id', 'q.product_id')
      .innerJoin('course_enrolments as e', 'e.id', 'q.enrolment_id')
      .select([
        'q.id',
        'q.body',
        'l.title as lesson_title',
        'l.slug as lesson_slug',
        'p.title as course_title',
        'p.slug as course_slug',
        'e.email',
      ])
      .where('q.id', '=', o.questionId)
      .executeTakeFirst();
    if (!question) return { kind: 'not-found' as const };
    const id = randomUUID();
    await trx
      .insertInto('course_question_answers')
      .values({ id, question_id: question.id, author: 'creator', body: o.text, created_at: now })
      .execute();
    await trx
      .updateTable('course_questions')
      .set({ answered_at: now })
      .where('id', '=', question.id)
      .where('answered_at', 'is', null)
      .execute();
    const [customer, store] = await Promise.all([
      trx
        .selectFrom('customers')
        .select('locale')
        .where((eb) => eb(eb.fn('lower', ['email']), '=', question.email.toLowerCase()))
        .orderBy('created_at')
        .executeTakeFirst(),
      getStoreSettings(trx),
    ]);
    await queueEmail(trx, {
      to: question.email,
      locale: isLocale(customer?.locale) ? customer.locale : store.locale,
      template: 'course-question-answered',
      uniqueKey: `course-question-answered:${id}`,
      data: {
        courseTitle: question.course_title,
        lessonTitle: question.lesson_title,
        question: question.body,
        answer: o.text,
        url: `${o.publicUrl}${lessonQuestionsHref(question.course_slug, question.lesson_slug)}`,
      },
    });
    await recordAudit(trx, o.actor, 'course-question.answered', { questionId: question.id, answerId: id });
    return { kind: 'answered' as const, id };
  });
}
