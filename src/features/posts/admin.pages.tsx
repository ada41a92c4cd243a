import type { DeliveryStatus, Post } from '../../db/schema.js';
import { Alert, Field, Form } from '../../web/components.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { AdminLayout } from '../admin/admin-layout.js';
import type { PostForm, PostFormErrors } from './post-input.js';
import { VISIBILITIES } from './post-input.js';
import {
  DELIVERY_STATUSES,
  type listAllPosts,
  type listDeliveriesByStatus,
  PROBLEM_STATUSES,
  type ProblemStatus,
  type SendProgress,
} from './queries.js';
import { POST_IMAGE_MAX_BYTES, postImagePath } from './upload-image.js';

type PostRow = Awaited<ReturnType<typeof listAllPosts>>[number];

export function PostsListPage({
  ctx,
  posts,
  notice,
  timeZone,
}: {
  ctx: PageContext;
  posts: PostRow[];
  notice?: string | undefined;
  timeZone: string;
}) {
  return (
    <AdminLayout ctx={ctx} title={ctx.t('posts.admin.title')}>
      {notice && <Alert kind="success">{notice}</Alert>}
      <p class="actions">
        <a class="btn" href="/admin/posts/new">
          {ctx.t('posts.admin.new')}
        </a>
      </p>
      {posts.length === 0 ? (
        <p class="empty">{ctx.t('posts.admin.empty')}</p>
      ) : (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{ctx.t('posts.field.title')}</th>
                <th scope="col">{ctx.t('posts.admin.status')}</th>
                <th scope="col">{ctx.t('posts.field.visibility')}</th>
                <th scope="col">{ctx.t('posts.admin.date')}</th>
                <th scope="col">{ctx.t('posts.admin.email')}</th>
              </tr>
            </thead>
            <tbody>
              {posts.map((p) => (
                <tr>
                  <td>
                    <a href={`/admin/posts/${p.id}`}>{p.title}</a>
                  </td>
                  <td>
                    <span class={`badge post-${p.status}`}>{ctx.t(`posts.status.${p.status}`)}</span>
                  </td>
                  <td>{ctx.t(`posts.visibility.${p.visibility}`)}</td>
                  <td class="nowrap">
                    {p.published_at
                      ? formatDateTime(p.published_at, ctx.locale, timeZone)
                      : p.publish_at
                        ? formatDateTime(p.publish_at, ctx.locale, timeZone)
                        : '—'}
                  </td>
                  <td>
                    {p.send_status ? ctx.t(`posts.send.${p.send_status}`, { n: Number(p.recipients ?? 0) }) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AdminLayout>
  );
}

export type EditorProps = {
  ctx: PageContext;
  post?: Post | undefined;
  form: PostForm;
  errors?: PostFormErrors;
  tiers: { id: string; name: string }[];
  /** The store's time zone: scheduled times are entered and shown on its clock. */
  timeZone: string;
  previewHtml?: string | undefined;
  images?: { storage_key: string }[];
  progress?: SendProgress | undefined;
  notice?: string | undefined;
  imageError?: string | undefined;
  /** An action on the whole post that could not be done. */
  pageError?: string | undefined;
};

function err(ctx: PageContext, errors: PostFormErrors | undefined, k: keyof PostFormErrors) {
  const key = errors?.[k];
  return key ? ctx.t(key) : undefined;
}

export function PostEditorPage({
  ctx,
  post,
  form,
  errors,
  tiers,
  timeZone,
  previewHtml,
  images,
  progress,
  notice,
  imageError,
  pageError,
}: EditorProps) {
  const action = post ? `/admin/posts/${post.id}` : '/admin/posts/new';
  const published = post?.status === 'published';
  const title = post ? ctx.t('posts.admin.edit') : ctx.t('posts.admin.new');
  return (
    <AdminLayout ctx={ctx} title={title}>
      {notice && <Alert kind="success">{notice}</Alert>}
      {pageError && <Alert kind="error">{pageError}</Alert>}
      {errors && Object.keys(errors).length > 0 && <Alert kind="error">{ctx.t('posts.error.form')}</Alert>}
      {post && (
        <p class="muted">
          <span class={`badge post-${post.status}`}>{ctx.t(`posts.status.${post.status}`)}</span>{' '}
          {post.status === 'published' && <a href={`/posts/${post.slug}`}>{ctx.t('posts.admin.view')}</a>}
          {post.status === 'scheduled' &&
            post.publish_at &&
            ctx.t('posts.admin.scheduledFor', {
              date: formatDateTime(post.publish_at, ctx.locale, timeZone),
              zone: timeZone,
            })}
        </p>
      )}
      {progress && <SendProgressPanel ctx={ctx} progress={progress} postId={post?.id ?? ''} />}
      <Form ctx={ctx} action={action} class="editor post-editor">
        <Field
          name="title"
          label={ctx.t('posts.field.title')}
          value={form.title}
          error={err(ctx, errors, 'title')}
          required
        />
        <Field
          name="slug"
          label={ctx.t('posts.field.slug')}
          value={form.slug}
          error={err(ctx, errors, 'slug')}
          hint={ctx.t('posts.field.slugHint')}
        />
        <div class="field">
          <label for="f-excerpt">{ctx.t('posts.field.excerpt')}</label>
          <textarea id="f-excerpt" name="excerpt" rows={3} aria-describedby="f-excerpt-hint">
            {form.excerpt}
          </textarea>
          <p class="hint" id="f-excerpt-hint">
            {ctx.t('posts.field.excerptHint')}
          </p>
        </div>
        <div class="field post-body">
          <label for="f-body">{ctx.t('posts.field.body')}</label>
          <textarea
            id="f-body"
            name="body"
            rows={18}
            data-preview="post-preview"
            data-preview-url="/admin/posts/preview"
          >
            {form.body}
          </textarea>
        </div>
        <section aria-labelledby="h-preview" class="panel post-preview">
          <h2 id="h-preview">{ctx.t('posts.preview')}</h2>
          <div id="post-preview" class="prose" aria-live="polite">
            {previewHtml !== undefined ? (
              <div dangerouslySetInnerHTML={{ __html: previewHtml }} />
            ) : (
              <p class="muted">{ctx.t('posts.previewHint')}</p>
            )}
          </div>
        </section>
        <fieldset class={errors?.visibility || errors?.tiers ? 'field invalid' : 'field'}>
          <legend>{ctx.t('posts.field.visibility')}</legend>
          {VISIBILITIES.map((v) => (
            <label class="choice">
              <input type="radio" name="visibility" value={v} checked={form.visibility === v} />{' '}
              {ctx.t(`posts.visibility.${v}`)}
            </label>
          ))}
          {tiers.length > 0 && (
            <div class="choice-fields">
              {tiers.map((tier) => (
                <label class="check">
                  <input type="checkbox" name="tiers" value={tier.id} checked={form.tiers.includes(tier.id)} />{' '}
                  {tier.name}
                </label>
              ))}
            </div>
          )}
          {(errors?.visibility || errors?.tiers) && (
            <p class="error">{err(ctx, errors, 'visibility') ?? err(ctx, errors, 'tiers')}</p>
          )}
        </fieldset>
        {!published && (
          <>
            <label class="check">
              <input type="checkbox" name="sendEmail" value="yes" checked={form.sendEmail === 'yes'} />{' '}
              {ctx.t('posts.field.sendEmail')}
            </label>
            <div class={errors?.publishAt ? 'field invalid' : 'field'}>
              <label for="f-publishAt">{ctx.t('posts.field.publishAt', { zone: timeZone })}</label>
              <input
                type="datetime-local"
                id="f-publishAt"
                name="publishAt"
                value={form.publishAt}
                aria-invalid={errors?.publishAt ? 'true' : undefined}
              />
              {errors?.publishAt && <p class="error">{err(ctx, errors, 'publishAt')}</p>}
            </div>
          </>
        )}
        <p class="actions">
          <button type="submit" name="action" value="preview" class="secondary">
            {ctx.t('posts.action.preview')}
          </button>
          {published ? (
            <button type="submit" name="action" value="draft">
              {ctx.t('posts.action.update')}
            </button>
          ) : (
            <>
              <button type="submit" name="action" value="draft" class="secondary">
                {ctx.t('posts.action.draft')}
              </button>
              <button type="submit" name="action" value="schedule" class="secondary">
                {ctx.t('posts.action.schedule')}
              </button>
              <button type="submit" name="action" value="publish">
                {ctx.t('posts.action.publish')}
              </button>
            </>
          )}
        </p>
      </Form>
      {post ? (
        <section class="panel" aria-labelledby="h-images">
          <h2 id="h-images">{ctx.t('posts.images.title')}</h2>
          {imageError && <Alert kind="error">{imageError}</Alert>}
          {images && images.length > 0 && (
            <ul>
              {images.map((i) => (
                <li>
                  <code>{`![](${postImagePath(i.storage_key)})`}</code>
                </li>
              ))}
            </ul>
          )}
          <form
            method="post"
            action={`/admin/posts/${post.id}/images`}
            enctype="multipart/form-data"
            class="upload-form"
            data-max-bytes={String(POST_IMAGE_MAX_BYTES)}
          >
            <input type="hidden" name="_csrf" value={ctx.csrfToken} />
            <div class="field">
              <label for="f-image">{ctx.t('posts.images.file')}</label>
              <input
                type="file"
                id="f-image"
                name="image"
                accept="image/jpeg,image/png,image/webp,image/gif"
                required
              />
              <p class="hint">{ctx.t('posts.images.hint')}</p>
            </div>
            <button type="submit" class="secondary">
              {ctx.t('posts.images.upload')}
            </button>
          </form>
        </section>
      ) : (
        <p class="muted">{ctx.t('posts.images.saveFirst')}</p>
      )}
      {post && <ManagePost ctx={ctx} post={post} />}
      <script src="/assets/posts-admin.js" defer />
    </AdminLayout>
  );
}

/** Unpublish (or cancel the schedule) of a live post; delete (after a confirmation page) of a draft. */
function ManagePost({ ctx, post }: { ctx: PageContext; post: Post }) {
  return (
    <section class="panel danger-zone" aria-labelledby="h-manage">
      <h2 id="h-manage">{post.status === 'draft' ? ctx.t('posts.action.delete') : ctx.t('posts.action.unpublish')}</h2>
      {post.status === 'draft' ? (
        <p>
          <a class="btn btn-secondary" href={`/admin/posts/${post.id}/delete`}>
            {ctx.t('posts.action.delete')}
          </a>
        </p>
      ) : (
        <Form ctx={ctx} action={`/admin/posts/${post.id}/unpublish`}>
          <p class="hint" id="unpublish-hint">
            {ctx.t('posts.unpublish.hint')}
          </p>
          <button type="submit" class="secondary" aria-describedby="unpublish-hint">
            {post.status === 'scheduled' ? ctx.t('posts.action.unschedule') : ctx.t('posts.action.unpublish')}
          </button>
        </Form>
      )}
    </section>
  );
}

/** "Delete this post?" — the one step before a post is removed for good. */
export function DeletePostPage({ ctx, post, error }: { ctx: PageContext; post: Post; error?: string | undefined }) {
  const title = ctx.t('posts.delete.title', { title: post.title });
  return (
    <AdminLayout ctx={ctx} title={title}>
      {error && <Alert kind="error">{error}</Alert>}
      <Form ctx={ctx} action={`/admin/posts/${post.id}/delete`} class="panel danger-zone">
        <p>{ctx.t('posts.delete.text')}</p>
        <p class="actions">
          <button type="submit" class="danger">
            {ctx.t('posts.delete.confirm')}
          </button>
          <a href={`/admin/posts/${post.id}`}>{ctx.t('posts.delete.cancel')}</a>
        </p>
      </Form>
    </AdminLayout>
  );
}

/** Counts per delivery status; the script refreshes them while the send runs (reloading works too). */
export function SendProgressPanel({
  ctx,
  progress,
  postId,
}: {
  ctx: PageContext;
  progress: SendProgress;
  postId: string;
}) {
  const { send, counts } = progress;
  return (
    <section
      class="panel send-progress"
      aria-labelledby="h-send"
      data-progress-url={send.status === 'done' ? undefined : `/admin/posts/${postId}/progress.json`}
    >
      <h2 id="h-send">{ctx.t('posts.send.title')}</h2>
      <p>
        <span data-field="status">{ctx.t(`posts.send.${send.status}`, { n: send.recipients })}</span>
      </p>
      <dl class="send-counts">
        {DELIVERY_STATUSES.map((s: DeliveryStatus) => (
          <div>
            <dt>{ctx.t(`posts.delivery.${s}`)}</dt>
            <dd data-count={s}>
              {(PROBLEM_STATUSES as readonly string[]).includes(s) && counts[s] > 0 ? (
                <a href={`/admin/posts/${postId}/recipients?status=${s}`}>{counts[s]}</a>
              ) : (
                counts[s]
              )}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

type RecipientsProps = {
  ctx: PageContext;
  post: Post;
  status: ProblemStatus;
  counts: SendProgress['counts'];
  page: number;
  list: Awaited<ReturnType<typeof listDeliveriesByStatus>>;
  timeZone: string;
};

/** A send's recipients that failed, bounced or whose delivery is unknown, with the reason. */
export function SendRecipientsPage({ ctx, post, status, counts, page, list, timeZone }: RecipientsProps) {
  const base = `/admin/posts/${post.id}/recipients?status=${status}`;
  return (
    <AdminLayout ctx={ctx} title={ctx.t('posts.recipients.title', { title: post.title })}>
      <p>
        <a href={`/admin/posts/${post.id}`}>{ctx.t('posts.recipients.back')}</a>
      </p>
      <nav class="tabs" aria-label={ctx.t('posts.recipients.statuses')}>
        {PROBLEM_STATUSES.map((s) => (
          <a
            href={`/admin/posts/${post.id}/recipients?status=${s}`}
            aria-current={s === status ? 'page' : undefined}
          >{`${ctx.t(`posts.delivery.${s}`)} (${counts[s]})`}</a>
        ))}
      </nav>
      <p class="hint">{ctx.t(`posts.recipients.explain.${status}`)}</p>
      {list.rows.length === 0 ? (
        <p class="empty">{ctx.t('posts.recipients.none')}</p>
      ) : (
        <div class="table-wrap">
          <table class="data">
            <thead>
              <tr>
                <th scope="col">{ctx.t('posts.recipients.email')}</th>
                <th scope="col">{ctx.t('posts.recipients.reason')}</th>
                <th scope="col" class="num">
                  {ctx.t('posts.recipients.attempts')}
                </th>
                <th scope="col">{ctx.t('posts.recipients.when')}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr>
                  <td>
                    <a href={`/admin/members/${r.member_id}`}>{r.email}</a>
                  </td>
                  <td>{r.error ?? '—'}</td>
                  <td class="num">{r.attempts}</td>
                  <td class="nowrap">{formatDateTime(r.updated_at, ctx.locale, timeZone)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(page > 1 || list.hasMore) && (
        <nav class="pager" aria-label={ctx.t('posts.recipients.pages')}>
          {page > 1 && <a href={`${base}&page=${page - 1}`}>{ctx.t('posts.recipients.previous')}</a>}
          {list.hasMore && <a href={`${base}&page=${page + 1}`}>{ctx.t('posts.recipients.next')}</a>}
        </nav>
      )}
    </AdminLayout>
  );
}
