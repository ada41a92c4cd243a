import type { Post } from '../../db/schema.js';
import type { Audience } from '../memberships/access.js';

/** A post's visibility as the Audience of the one access rule (memberships/access.ts). */
export function postAudience(post: Pick<Post, 'visibility' | 'tier_ids'>): Audience {
  switch (post.visibility) {
    case 'public':
    case 'members':
    case 'paid':
      return { visibility: post.visibility };
    case 'tiers':
      return { visibility: 'tiers', tierIds: parseTierIds(post.tier_ids) };
  }
}

function parseTierIds(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}
