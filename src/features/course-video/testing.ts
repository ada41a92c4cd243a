import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../../db/schema.js';
import { runTool } from './ffmpeg.js';

/** Test helpers: a real video made by ffmpeg, and a published course with one lesson. */

/** A short MP4 (test pattern and a tone) made by ffmpeg's generators. */
export async function generateVideo(opts: { seconds?: number; size?: string } = {}): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'vf-test-video-'));
  try {
    const t = String(opts.seconds ?? 4);
    const out = join(dir, 'in.mp4');
    await runTool('ffmpeg', [
      ...['-hide_banner', '-nostdin', '-y', '-f', 'lavfi', '-i', `testsrc=size=${opts.size ?? '640x360'}:rate=25`],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=44100', '-t', t],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', out],
    ]);
    return await readFile(out);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export type SeededLesson = { productId: string; lessonId: string };

/** A published course product with one module and one published lesson. */
export async function seedCourseLesson(db: Db): Promise<SeededLesson> {
  const now = new Date().toISOString();
  const productId = randomUUID();
  const lessonId = randomUUID();
  const moduleId = randomUUID();
  await db
    .insertInto('products')
    .values({
      id: productId,
      slug: `c-${productId}`,
      kind: 'course',
      title: 'Filming at home',
      pricing: 'fixed',
      currency: 'EUR',
      price_minor: 4900,
      status: 'published',
      cover_key: null,
      suggested_price_minor: null,
      created_at: now,
      updated_at: now,
      published_at: now,
    })
    .execute();
  await db.insertInto('courses').values({ product_id: productId, created_at: now, updated_at: now }).execute();
  await db
    .insertInto('course_modules')
    .values({
      id: moduleId,
      product_id: productId,
      title: 'Start',
      position: 1,
      unlock_days: null,
      unlock_at: null,
      unlock_after_lesson_id: null,
      created_at: now,
    })
    .execute();
  await db
    .insertInto('course_lessons')
    .values({
      id: lessonId,
      product_id: productId,
      module_id: moduleId,
      slug: 'light',
      title: 'Light',
      status: 'published',
      position: 1,
      video_id: null,
      unlock_days: null,
      unlock_at: null,
      unlock_after_lesson_id: null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { productId, lessonId };
}

/** Enrols an address (as the admin would); returns the enrolment id. */
export async function enrol(db: Db, productId: string, email: string): Promise<string> {
  const id = randomUUID();
  await db
    .insertInto('course_enrolments')
    .values({
      id,
      product_id: productId,
      email,
      source: 'admin',
      order_id: null,
      enrolled_at: new Date(Date.now() - 60_000).toISOString(),
      first_access_at: null,
      revoked_at: null,
      cohort_id: null,
      completed_at: null,
    })
    .execute();
  return id;
}

/** What a refund does to an enrolment: access ends, progress stays. */
export async function revokeEnrolment(db: Db, enrolmentId: string): Promise<void> {
  await db
    .updateTable('course_enrolments')
    .set({ revoked_at: new Date().toISOString() })
    .where('id', '=', enrolmentId)
    .execute();
}
