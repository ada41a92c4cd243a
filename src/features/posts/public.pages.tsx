import type { Post } from '../../db/schema.js';
import type { PageContext } from '../../web/context.js';
import { formatDateTime } from '../../web/i18n.js';
import { Layout } from '../../web/layout.js';
import type { ArchiveEntry } from './queries.js';

function Badge({ ctx, visibility }: { ctx: PageContext; visibility: Post['visibility'] }) {
  if (visibility === 'public') return null;
  return <span class={`badge post-${visibility}`}>{ctx.t(`posts.visibility.${visibility}`)}</span>;
}

export function ArchivePage({
  ctx,
  posts,
  page,
  hasMore,
  timeZone,
}: {
  ctx: PageContext;
  posts: ArchiveEntry[];
  page: number;
  hasMore: boolean;
  timeZone: string;
}) {
  return (
    <Layout
      ctx={ctx}
      title={ctx.t('posts.archive.title')}
      head={<link rel="alternate" type="application/rss+xml" title={ctx.storeName} href="/posts/feed.xml" />}
    >
      <div class="page-head">
        <h1>{ctx.t('posts.archive.title')}</h1>
        <p class="actions">
          <a href="/join">{ctx.t('posts.archive.subscribe')}</a> · <a href="/posts/feed.xml">RSS</a>
        </p>
      </div>
      {posts.length === 0 && <p class="empty">{ctx.t('posts.archive.empty')}</p>}
      {posts.map((p) => (
        <article class="panel post-teaser" aria-labelledby={`h-${p.id}`}>
          <h2 id={`h-${p.id}`}>
            <a href={`/posts/${p.slug}`}>{p.title}</a> <Badge ctx={ctx} visibility={p.visibility} />
          </h2>
          {p.published_at && (
            <p class="muted small">
              <time datetime={p.published_at}>{formatDateTime(p.published_at, ctx.locale, timeZone)}</time>
            </p>
          )}
          {p.excerpt && <p>{p.excerpt}</p>}
        </article>
      ))}
      {(page > 1 || hasMore) && (
        <nav class="pager" aria-label={ctx.t('posts.archive.pages')}>
          {page > 1 && <a href={page === 2 ? '/posts' : `/posts?page=${page - 1}`}>{ctx.t('posts.archive.newer')}</a>}
          {hasMore && <a href={`/posts?page=${page + 1}`}>{ctx.t('posts.archive.older')}</a>}
        </nav>
      )}
    </Layout>
  );
}

type PostPageProps = {
  ctx: PageContext;
  post: Post;
  /** The sanitised body — only passed when the reader may read it. */
  bodyHtml: string | undefined;
  /** Without access: where to go for it. */
  gate: 'join' | 'upgrade' | undefined;
  signedIn: boolean;
  /** Dates are shown on the store's clock. */
  timeZone: string;
};

/** A post; for readers without access only title, teaser and the way in — the body is never rendered. */
export function PostPage({ ctx, post, bodyHtml, gate, signedIn, timeZone }: PostPageProps) {
  return (
    <Layout ctx={ctx} title={post.title} description={post.excerpt || undefined}>
      <article class="post" aria-labelledby="h-post">
        <h1 id="h-post">{post.title}</h1>
        <p class="muted small">
          {post.published_at && (
            <time datetime={post.published_at}>{formatDateTime(post.published_at, ctx.locale, timeZone)}</time>
          )}{' '}
          <Badge ctx={ctx} visibility={post.visibility} />
        </p>
        {bodyHtml !== undefined ? (
          <div class="prose" dangerouslySetInnerHTML={{ __html: bodyHtml }} />
        ) : (
          <>
            {post.excerpt && <p class="lead">{post.excerpt}</p>}
            <section class="panel gate" aria-labelledby="h-gate">
              <h2 id="h-gate">{ctx.t(gate === 'upgrade' ? 'posts.gate.paidTitle' : 'posts.gate.membersTitle')}</h2>
              <p>{ctx.t(gate === 'upgrade' ? 'posts.gate.paidText' : 'posts.gate.membersText')}</p>
              <p class="actions">
                {gate === 'upgrade' ? (
                  <a class="btn" href="/membership">
                    {ctx.t('posts.gate.upgrade')}
                  </a>
                ) : (
                  <a class="btn" href="/join">
                    {ctx.t('posts.gate.join')}
                  </a>
                )}{' '}
                {!signedIn && <a href="/library">{ctx.t('posts.gate.signIn')}</a>}
              </p>
            </section>
          </>
        )}
        <p>
          <a href="/posts">{ctx.t('posts.archive.back')}</a>
        </p>
      </article>
    </Layout>
  );
}
