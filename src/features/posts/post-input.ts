import { z } from 'zod';
import type { Post, PostVisibility } from '../../db/schema.js';
import type { MessageKey } from '../../web/messages.js';
import { isValidSlug, slugify } from '../catalog/slug.js';
import { localInputToUtc, utcToLocalInput } from './local-time.js';

export const VISIBILITIES = ['public', 'members', 'paid', 'tiers'] as const satisfies readonly PostVisibility[];
export const POST_ACTIONS = ['draft', 'publish', 'schedule', 'preview'] as const;
export type PostAction = (typeof POST_ACTIONS)[number];

const text = (max: number) => z.string().max(max).default('');
/** Raw form fields; parsed with defaults so bad input re-renders the editor instead of a bare 400. */
export const postFormSchema = z.object({
  title: text(2000),
  slug: text(1000),
  excerpt: text(5000),
  body: text(500_000),
  visibility: text(20),
  tiers: z.union([z.string().max(64), z.array(z.string().max(64)).max(100)]).default([]),
  sendEmail: text(10),
  publishAt: text(40),
  action: text(20),
});
export type PostForm = Omit<z.infer<typeof postFormSchema>, 'tiers'> & { tiers: string[] };

export function parsePostForm(body: unknown): PostForm {
  const parsed = postFormSchema.safeParse(body ?? {});
  const data = parsed.success ? parsed.data : postFormSchema.parse({});
  return { ...data, tiers: typeof data.tiers === 'string' ? [data.tiers] : data.tiers };
}

/** The editor's fields for a stored post; a scheduled time on the store's clock. */
export function formOfPost(post: Post, timeZone: string): PostForm {
  return {
    title: post.title,
    slug: post.slug,
    excerpt: post.excerpt,
    body: post.body_md,
    visibility: post.visibility,
    tiers: JSON.parse(post.tier_ids) as string[],
    sendEmail: post.send_email ? 'yes' : '',
    publishAt: post.publish_at ? utcToLocalInput(post.publish_at, timeZone) : '',
    action: '',
  };
}

export const emptyPostForm = (): PostForm => ({
  title: '',
  slug: '',
  excerpt: '',
  body: '',
  visibility: 'public',
  tiers: [],
  sendEmail: 'yes',
  publishAt: '',
  action: '',
});

export type PostInput = {
  title: string;
  slug: string;
  excerpt: string;
  bodyMd: string;
  visibility: PostVisibility;
  tierIds: string[];
  sendEmail: boolean;
  action: Exclude<PostAction, 'preview'>;
  /** Only for 'schedule'. */
  publishAt: string | null;
};

export type PostFormErrors = Partial<Record<'title' | 'slug' | 'visibility' | 'tiers' | 'publishAt', MessageKey>>;

/** Pure: the checked input, or the errors per field. A scheduled time is read on the store's clock (`timeZone`). */
export function checkPostForm(
  form: PostForm,
  knownTierIds: ReadonlySet<string>,
  now: Date,
  timeZone: string,
): { ok: true; input: PostInput } | { ok: false; errors: PostFormErrors } {
  const errors: PostFormErrors = {};
  const title = form.title.trim();
  if (!title || title.length > 300) errors.title = 'posts.error.title';
  const slug = (form.slug.trim() || slugify(title)).toLowerCase();
  if (!isValidSlug(slug)) errors.slug = 'posts.error.slug';
  const visibility = (VISIBILITIES as readonly string[]).includes(form.visibility)
    ? (form.visibility as PostVisibility)
    : undefined;
  if (!visibility) errors.visibility = 'posts.error.visibility';
  const tierIds = [...new Set(form.tiers)].filter((id) => knownTierIds.has(id));
  if (visibility === 'tiers' && (tierIds.length === 0 || tierIds.length !== new Set(form.tiers).size)) {
    errors.tiers = 'posts.error.tiers';
  }
  const action = (['draft', 'publish', 'schedule'] as const).find((a) => a === form.action) ?? 'draft';
  let publishAt: string | null = null;
  if (action === 'schedule') {
    const at = localInputToUtc(form.publishAt.trim(), timeZone);
    if (!at || at.getTime() <= now.getTime()) errors.publishAt = 'posts.error.publishAt';
    else publishAt = at.toISOString();
  }
  if (Object.keys(errors).length > 0 || !visibility) return { ok: false, errors };
  return {
    ok: true,
    input: {
      title,
      slug,
      excerpt: form.excerpt.trim().slice(0, 2000),
      bodyMd: form.body,
      visibility,
      tierIds: visibility === 'tiers' ? tierIds : [],
      sendEmail: form.sendEmail === 'yes',
      action,
      publishAt,
    },
  };
}
