import { Alert } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { AdminLayout } from '../admin/admin-layout.js';

/** An upload or captions form that could not be saved: the reason and the way back (the lesson page is the courses feature's). */
export function VideoProblemPage({
  ctx,
  message,
  back,
}: {
  ctx: PageContext;
  message: string;
  back: string | undefined;
}) {
  return (
    <AdminLayout ctx={ctx} title={ctx.t('courseVideo.error.title')}>
      <Alert kind="error">{message}</Alert>
      {back && (
        <p>
          <a href={back}>{ctx.t('courseVideo.error.back')}</a>
        </p>
      )}
    </AdminLayout>
  );
}

export function lessonAdminPath(lesson: { product_id: string; id: string }): string {
  return `/admin/courses/${lesson.product_id}/lessons/${lesson.id}`;
}
