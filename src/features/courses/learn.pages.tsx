import type { ComponentChildren, VNode } from 'preact';
import type { CourseLesson, LessonAttachment } from '../../db/schema.js';
import { Alert, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { Layout } from '../../web/layout.js';
import { renderMarkdown } from '../../web/markdown.js';
import type { CurriculumLesson, CurriculumModule } from './curriculum.js';
import { isOpen, type Opening } from './drip.js';
import type { CourseRow } from './queries.js';

export const lessonPath = (courseSlug: string, lessonSlug: string) => `/learn/${courseSlug}/${lessonSlug}`;

type LessonState = 'completed' | 'open' | 'locked';

function stateOf(entry: CurriculumLesson, now: Date): LessonState {
  if (entry.completed) return 'completed';
  return isOpen(entry.opening, now) || entry.lesson.free_preview === 1 ? 'open' : 'locked';
}

function OpensNote({ ctx, opening }: { ctx: PageContext; opening: Opening }) {
  if (typeof opening !== 'object') return <span class="muted"> {ctx.t('courses.learn.waiting')}</span>;
  return (
    <span class="muted">
      {' '}
      {ctx.t('courses.learn.opensAt', { date: formatDateTime(opening.at, ctx.locale, ctx.timeZone) })}
    </span>
  );
}

/** The course's modules and lessons with each lesson's state: the overview and the lesson page's side list. */
export function CurriculumList({
  ctx,
  course,
  curriculum,
  now,
  currentId,
}: {
  ctx: PageContext;
  course: CourseRow;
  curriculum: CurriculumModule[];
  now: Date;
  currentId?: string;
}) {
  return (
    <ol class="curriculum">
      {curriculum.map((m) => (
        <li>
          <h3>{m.module.title}</h3>
          <ol>
            {m.lessons.map((entry) => {
              const state = stateOf(entry, now);
              const label = ctx.t(`courses.learn.state.${state}`);
              return (
                <li class={`lesson-${state}`} aria-current={entry.lesson.id === currentId ? 'page' : undefined}>
                  <span class={`badge lesson-badge-${state}`}>{label}</span>{' '}
                  {state === 'locked' ? (
                    <>
                      {entry.lesson.title}
                      <OpensNote ctx={ctx} opening={entry.opening} />
                    </>
                  ) : (
                    <a href={lessonPath(course.slug, entry.lesson.slug)}>{entry.lesson.title}</a>
                  )}
                </li>
              );
            })}
          </ol>
        </li>
      ))}
    </ol>
  );
}

export function progressShare(curriculum: CurriculumModule[]): { done: number; total: number } {
  const lessons = curriculum.flatMap((m) => m.lessons);
  return { done: lessons.filter((l) => l.completed).length, total: lessons.length };
}

export function CourseOverviewPage({
  ctx,
  course,
  curriculum,
  now,
  next,
  completed,
  extra,
}: {
  ctx: PageContext;
  course: CourseRow;
  curriculum: CurriculumModule[];
  now: Date;
  next: CourseLesson | undefined;
  completed: boolean;
  extra?: ComponentChildren;
}) {
  const { done, total } = progressShare(curriculum);
  return (
    <Layout ctx={ctx} title={course.title}>
      <h1>{course.title}</h1>
      {course.summary && <p class="lead">{course.summary}</p>}
      <p>
        <label for="course-progress">{ctx.t('courses.learn.progress', { done, total })}</label>{' '}
        <progress id="course-progress" max={Math.max(total, 1)} value={done}>
          {done}/{total}
        </progress>
      </p>
      {completed && <Alert kind="success">{ctx.t('courses.learn.completed')}</Alert>}
      {extra}
      {next && (
        <p>
          <a class="btn" href={lessonPath(course.slug, next.slug)}>
            {done === 0 ? ctx.t('courses.learn.start') : ctx.t('courses.learn.continue')}
          </a>
        </p>
      )}
      <h2>{ctx.t('courses.learn.contents')}</h2>
      <CurriculumList ctx={ctx} course={course} curriculum={curriculum} now={now} />
    </Layout>
  );
}

export type LessonPageProps = {
  ctx: PageContext;
  course: CourseRow;
  lesson: CourseLesson;
  curriculum: CurriculumModule[];
  now: Date;
  attachments: LessonAttachment[];
  completed: boolean;
  /** Null: a visitor on a free preview or the admin; nothing is recorded. */
  enrolmentId: string | null;
  previous: CourseLesson | undefined;
  next: CourseLesson | undefined;
  video: VNode | null;
  quiz: VNode | null;
  questions: VNode | null;
  notice?: string | undefined;
  /** The admin looks without being enrolled: nothing is recorded. */
  adminPreview?: boolean;
};

export function LessonPage(p: LessonPageProps) {
  const { ctx, course, lesson } = p;
  const base = lessonPath(course.slug, lesson.slug);
  return (
    <Layout ctx={ctx} title={`${lesson.title} · ${course.title}`}>
      <nav aria-label={ctx.t('courses.learn.breadcrumb')} class="muted">
        <a href={`/learn/${course.slug}`}>{course.title}</a>
      </nav>
      <article class="lesson" data-progress-url={p.enrolmentId ? `${base}/progress` : undefined}>
        <h1>{lesson.title}</h1>
        {p.notice && <Alert kind="success">{p.notice}</Alert>}
        {!p.enrolmentId && p.adminPreview && <Alert kind="info">{ctx.t('courses.learn.adminPreview')}</Alert>}
        {!p.enrolmentId && !p.adminPreview && lesson.free_preview === 1 && (
          <Alert kind="info">{ctx.t('courses.learn.previewNote')}</Alert>
        )}
        {p.video}
        {lesson.body_md.trim() && (
          // Rendered from Markdown without raw HTML, then allow-list sanitised (as posts).
          <div class="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(lesson.body_md) }} />
        )}
        {p.attachments.length > 0 && (
          <section aria-labelledby="h-attachments">
            <h2 id="h-attachments">{ctx.t('courses.learn.attachments')}</h2>
            <ul>
              {p.attachments.map((a) => (
                <li>
                  <a href={`${base}/files/${a.id}`} download>
                    {a.name}
                  </a>
                </li>
              ))}
            </ul>
          </section>
        )}
        {p.quiz}
        <CompletionPanel {...p} base={base} />
        <nav class="lesson-nav actions" aria-label={ctx.t('courses.learn.lessonNav')}>
          {p.previous && <a href={lessonPath(course.slug, p.previous.slug)}>← {p.previous.title}</a>}
          {p.next && <a href={lessonPath(course.slug, p.next.slug)}>{p.next.title} →</a>}
        </nav>
        {p.questions}
      </article>
      <aside aria-labelledby="h-contents">
        <h2 id="h-contents">{ctx.t('courses.learn.contents')}</h2>
        <CurriculumList ctx={ctx} course={course} curriculum={p.curriculum} now={p.now} currentId={lesson.id} />
      </aside>
    </Layout>
  );
}

function CompletionPanel({ ctx, lesson, completed, enrolmentId, base }: LessonPageProps & { base: string }) {
  if (!enrolmentId) return null;
  if (completed) return <p class="lesson-done">✓ {ctx.t('courses.learn.lessonDone')}</p>;
  if (lesson.completion === 'quiz') return <p class="muted">{ctx.t('courses.learn.quizCompletes')}</p>;
  return (
    <Form ctx={ctx} action={`${base}/complete`} idPrefix="complete">
      <button type="submit">{ctx.t('courses.learn.markDone')}</button>
    </Form>
  );
}

export function LessonLockedPage({
  ctx,
  course,
  opensAt,
}: {
  ctx: PageContext;
  course: CourseRow;
  opensAt: string | null;
}) {
  return (
    <Layout ctx={ctx} title={ctx.t('courses.learn.lockedTitle')}>
      <h1>{ctx.t('courses.learn.lockedTitle')}</h1>
      <p>
        {opensAt
          ? ctx.t('courses.learn.lockedUntil', { date: formatDateTime(opensAt, ctx.locale, ctx.timeZone) })
          : ctx.t('courses.learn.lockedWaiting')}
      </p>
      <p>
        <a href={`/learn/${course.slug}`}>{ctx.t('courses.learn.back')}</a>
      </p>
    </Layout>
  );
}

export function NotEnrolledPage({ ctx, course, signedIn }: { ctx: PageContext; course: CourseRow; signedIn: boolean }) {
  return (
    <Layout ctx={ctx} title={course.title}>
      <h1>{course.title}</h1>
      <p>{signedIn ? ctx.t('courses.learn.notEnrolled') : ctx.t('courses.learn.signInFirst')}</p>
      <p class="actions">
        <a class="btn" href={`/p/${course.slug}`}>
          {ctx.t('courses.learn.toProduct')}
        </a>
        {!signedIn && <a href="/library">{ctx.t('courses.learn.signIn')}</a>}
      </p>
    </Layout>
  );
}
