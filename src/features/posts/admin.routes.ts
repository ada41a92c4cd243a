import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../services.js';
import { notFound } from '../../web/errors.js';
import { pageNumber } from '../../web/form-fields.js';
import { sendPage } from '../../web/render.js';
import { adminPageContext } from '../admin/admin-context.js';
import { storeTimeZone } from '../analytics/settings.js';
import { currentAdmin, requireAdmin } from '../auth/sessions.js';
import { acceptMultipartForms, takeUpload } from '../catalog/multipart.js';
import { DeletePostPage, type EditorProps, PostEditorPage, PostsListPage, SendRecipientsPage } from './admin.pages.js';
import { deletePost } from './delete-post.js';
import {
  checkPostForm,
  emptyPostForm,
  formOfPost,
  type PostForm,
  type PostFormErrors,
  parsePostForm,
} from './post-input.js';
import { renderPostHtml } from './post-markdown.js';
import {
  findPost,
  listAllPosts,
  listDeliveriesByStatus,
  listPostImages,
  listTiers,
  PROBLEM_STATUSES,
  sendProgress,
} from './queries.js';
import { savePost } from './save-post.js';
import { unpublishPost } from './unpublish-post.js';
import { POST_IMAGE_MAX_BYTES, uploadPostImage } from './upload-image.js';

const idParams = z.object({ id: z.uuid() });
const doneQuery = z.object({
  done: z.enum(['saved', 'published', 'scheduled', 'image', 'unpublished']).optional().catch(undefined),
  image: z.string().max(200).optional().catch(undefined),
});
const previewBody = z.object({ markdown: z.string().max(500_000).default('') });

/** Posts in the admin: list, editor with preview, image upload, send progress. */
export function registerPostAdminRoutes(fastify: FastifyInstance, services: Services): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db } = services.database;
  const guard = { preHandler: requireAdmin(services) };

  const showEditor = async (
    req: FastifyRequest,
    reply: FastifyReply,
    props: Omit<EditorProps, 'ctx' | 'tiers' | 'timeZone'>,
    status = 200,
  ) => {
    const [ctx, tiers, timeZone] = await Promise.all([
      adminPageContext(req, reply, services),
      listTiers(db),
      storeTimeZone(db),
    ]);
    const extra = props.post
      ? { images: await listPostImages(db, props.post.id), progress: await sendProgress(db, props.post.id) }
      : {};
    return sendPage(reply, PostEditorPage({ ctx, tiers, timeZone, ...extra, ...props }), status);
  };

  const knownTiers = async () => new Set((await listTiers(db)).map((t) => t.id));

  /** One handler for "new" and "edit": preview re-renders, errors re-render (400), else save and redirect. */
  const submit = async (req: FastifyRequest, reply: FastifyReply, id: string | undefined) => {
    const post = id ? await findPost(db, id) : undefined;
    if (id && !post) throw notFound('Post not found');
    const form: PostForm = parsePostForm(req.body);
    if (form.action === 'preview')
      return showEditor(req, reply, { post, form, previewHtml: renderPostHtml(form.body) });
    const checked = checkPostForm(form, await knownTiers(), new Date(), await storeTimeZone(db));
    if (!checked.ok) return showEditor(req, reply, { post, form, errors: checked.errors as PostFormErrors }, 400);
    const result = await savePost(db, { id, input: checked.input, actor: currentAdmin(req).user.email });
    if (result.kind === 'not-found') throw notFound('Post not found');
    if (result.kind === 'slug-taken') {
      return showEditor(req, reply, { post, form, errors: { slug: 'posts.error.slugTaken' } }, 400);
    }
    if (result.published) services.nudgeWorker();
    const done = result.published ? 'published' : checked.input.action === 'schedule' ? 'scheduled' : 'saved';
    return reply.redirect(`/admin/posts/${result.id}?done=${done}`, 303);
  };

  const listQuery = z.object({ done: z.enum(['deleted']).optional().catch(undefined) });
  app.get('/admin/posts', { ...guard, schema: { querystring: listQuery } }, async (req, reply) => {
    const [ctx, posts, timeZone] = await Promise.all([
      adminPageContext(req, reply, services),
      listAllPosts(db),
      storeTimeZone(db),
    ]);
    const notice = req.query.done ? ctx.t('posts.notice.deleted') : undefined;
    return sendPage(reply, PostsListPage({ ctx, posts, notice, timeZone }));
  });

  app.post('/admin/posts/:id/unpublish', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const result = await unpublishPost(db, { id: req.params.id, actor: currentAdmin(req).user.email });
    if (result === 'not-found') throw notFound('Post not found');
    if (result === 'ok') return reply.redirect(`/admin/posts/${req.params.id}?done=unpublished`, 303);
    const post = await findPost(db, req.params.id);
    if (!post) throw notFound('Post not found');
    const ctx = await adminPageContext(req, reply, services);
    return showEditor(
      req,
      reply,
      { post, form: formOfPost(post, await storeTimeZone(db)), pageError: ctx.t('posts.error.notPublished') },
      400,
    );
  });

  app.get('/admin/posts/:id/delete', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const post = await findPost(db, req.params.id);
    if (!post) throw notFound('Post not found');
    const ctx = await adminPageContext(req, reply, services);
    const error = post.status === 'draft' ? undefined : ctx.t('posts.error.notDraft');
    return sendPage(reply, DeletePostPage({ ctx, post, error }));
  });
  app.post('/admin/posts/:id/delete', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const result = await deletePost(db, { id: req.params.id, actor: currentAdmin(req).user.email });
    if (result === 'ok') {
      services.nudgeWorker();
      return reply.redirect('/admin/posts?done=deleted', 303);
    }
    const post = await findPost(db, req.params.id);
    if (result === 'not-found' || !post) throw notFound('Post not found');
    const ctx = await adminPageContext(req, reply, services);
    const error = ctx.t(result === 'sending' ? 'posts.error.sending' : 'posts.error.notDraft');
    return sendPage(reply, DeletePostPage({ ctx, post, error }), 400);
  });

  app.get('/admin/posts/new', guard, async (req, reply) => showEditor(req, reply, { form: emptyPostForm() }));
  app.post('/admin/posts/new', guard, async (req, reply) => submit(req, reply, undefined));

  // The live preview: the editor's script posts the Markdown (with the CSRF header) and shows the
  // sanitised HTML; the same renderer as the public page.
  app.post('/admin/posts/preview', { ...guard, schema: { body: previewBody } }, async (req) => ({
    html: renderPostHtml(req.body.markdown),
  }));

  app.get(
    '/admin/posts/:id',
    { ...guard, schema: { params: idParams, querystring: doneQuery } },
    async (req, reply) => {
      const post = await findPost(db, req.params.id);
      if (!post) throw notFound('Post not found');
      const ctx = await adminPageContext(req, reply, services);
      const notice = req.query.done
        ? ctx.t(`posts.notice.${req.query.done}`, { path: req.query.image ?? '' })
        : undefined;
      return showEditor(req, reply, {
        post,
        form: formOfPost(post, await storeTimeZone(db)),
        notice,
        previewHtml: renderPostHtml(post.body_md),
      });
    },
  );
  app.post('/admin/posts/:id', { ...guard, schema: { params: idParams } }, async (req, reply) =>
    submit(req, reply, req.params.id),
  );

  const recipientsQuery = z.object({
    status: z.enum(PROBLEM_STATUSES).catch('failed'),
    page: pageNumber().catch(1),
  });
  app.get(
    '/admin/posts/:id/recipients',
    { ...guard, schema: { params: idParams, querystring: recipientsQuery } },
    async (req, reply) => {
      const [post, progress] = await Promise.all([findPost(db, req.params.id), sendProgress(db, req.params.id)]);
      if (!post || !progress) throw notFound('No send for this post');
      const { status, page } = req.query;
      const [ctx, list, timeZone] = await Promise.all([
        adminPageContext(req, reply, services),
        listDeliveriesByStatus(db, post.id, status, page),
        storeTimeZone(db),
      ]);
      return sendPage(reply, SendRecipientsPage({ ctx, post, status, counts: progress.counts, page, list, timeZone }));
    },
  );

  app.get('/admin/posts/:id/progress.json', { ...guard, schema: { params: idParams } }, async (req, reply) => {
    const progress = await sendProgress(db, req.params.id);
    if (!progress) throw notFound('No send for this post');
    const ctx = await adminPageContext(req, reply, services);
    return reply.header('cache-control', 'no-store').send({
      status: progress.send.status,
      label: ctx.t(`posts.send.${progress.send.status}`, { n: progress.send.recipients }),
      recipients: progress.send.recipients,
      counts: progress.counts,
    });
  });

  // Image uploads stream through the catalogue's multipart parser: CSRF and login are checked on the
  // fields before the file, which is read up to the limit only.
  app.register(async (scope) => {
    acceptMultipartForms(scope, POST_IMAGE_MAX_BYTES);
    scope
      .withTypeProvider<ZodTypeProvider>()
      .post('/admin/posts/:id/images', { ...guard, schema: { params: idParams } }, async (req, reply) => {
        const post = await findPost(db, req.params.id);
        if (!post) throw notFound('Post not found');
        const { upload } = takeUpload(req);
        const result = await uploadPostImage({ db, storage: services.storage, postId: post.id, upload });
        if (result.kind === 'ok') {
          return reply.redirect(`/admin/posts/${post.id}?done=image&image=${encodeURIComponent(result.path)}`, 303);
        }
        if (result.kind === 'not-found') throw notFound('Post not found');
        const ctx = await adminPageContext(req, reply, services);
        return showEditor(
          req,
          reply,
          {
            post,
            form: formOfPost(post, await storeTimeZone(db)),
            imageError: ctx.t(`posts.images.error.${result.kind}`),
          },
          400,
        );
      });
  });
}
