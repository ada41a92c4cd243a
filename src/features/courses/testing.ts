import { randomUUID } from 'node:crypto';
import type { Order } from '../../db/schema.js';
import { isoNow } from '../../db/time.js';
import type { Services } from '../../services.js';

/** Test-only (shared by the course features' tests): a published course (product kind 'course') with one module of published lessons. */
export async function seedCourse(
  services: Services,
  opts: { title?: string; lessons?: number; certificate?: boolean; studyMinutes?: number } = {},
) {
  const { db } = services.database;
  const now = isoNow();
  const productId = randomUUID();
  const slug = `course-${productId.slice(0, 8)}`;
  await db
    .insertInto('products')
    .values({
      id: productId,
      slug,
      kind: 'course',
      title: opts.title ?? 'Sourdough from Scratch',
      status: 'published',
      pricing: 'fixed',
      currency: 'EUR',
      price_minor: 4900,
      suggested_price_minor: null,
      cover_key: null,
      created_at: now,
      updated_at: now,
      published_at: now,
    })
    .execute();
  await db
    .insertInto('courses')
    .values({
      product_id: productId,
      study_minutes: opts.studyMinutes ?? 150,
      certificate: opts.certificate === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const moduleId = randomUUID();
  await db
    .insertInto('course_modules')
    .values({ id: moduleId, product_id: productId, title: 'Basics', position: 0, created_at: now })
    .execute();
  const lessonIds: string[] = [];
  for (let n = 0; n < (opts.lessons ?? 2); n++) {
    const id = randomUUID();
    lessonIds.push(id);
    await db
      .insertInto('course_lessons')
      .values({
        id,
        product_id: productId,
        module_id: moduleId,
        slug: `lesson-${n + 1}`,
        title: `Lesson ${n + 1}`,
        status: 'published',
        position: n,
        video_id: null,
        created_at: now,
        updated_at: now,
      })
      .execute();
  }
  return { productId, slug, moduleId, lessonIds };
}

/** Test-only: a buyer with a paid order of the course and the enrolment it gave. */
export async function seedStudent(
  services: Services,
  productId: string,
  opts: { email?: string; name?: string; locale?: 'en' | 'de' } = {},
) {
  const { db } = services.database;
  const now = isoNow();
  const email = opts.email ?? `student-${randomUUID().slice(0, 8)}@example.com`;
  const locale = opts.locale ?? 'en';
  const customerId = randomUUID();
  await db.insertInto('customers').values({ id: customerId, email, locale, created_at: now }).execute();
  const orderId = randomUUID();
  await db
    .insertInto('orders')
    .values({
      id: orderId,
      number: `T-${orderId.slice(0, 8)}`,
      customer_id: customerId,
      email,
      name: opts.name ?? 'Ada Lovelace',
      locale,
      status: 'paid',
      currency: 'EUR',
      subtotal_minor: 4900,
      total_minor: 4900,
      provider: 'test',
      provider_ref: null,
      discount_code_id: null,
      access_key: randomUUID(),
      created_at: now,
      updated_at: now,
      paid_at: now,
      refunded_at: null,
    })
    .execute();
  await db
    .insertInto('order_items')
    .values({
      id: randomUUID(),
      order_id: orderId,
      product_id: productId,
      title: 'Course',
      unit_price_minor: 4900,
      total_minor: 4900,
    })
    .execute();
  const enrolmentId = randomUUID();
  await db
    .insertInto('course_enrolments')
    .values({
      id: enrolmentId,
      product_id: productId,
      email,
      name: opts.name ?? 'Ada Lovelace',
      source: 'order',
      order_id: orderId,
      enrolled_at: now,
      first_access_at: null,
      revoked_at: null,
      cohort_id: null,
      completed_at: null,
    })
    .execute();
  return { email, orderId, enrolmentId };
}

/** The order row as the order core takes it. */
export function orderRow(services: Services, orderId: string): Promise<Order> {
  return services.database.db.selectFrom('orders').selectAll().where('id', '=', orderId).executeTakeFirstOrThrow();
}
