import type { PageContext } from '../../web/context.js';
import { renderMarkdown } from '../../web/markdown.js';
import { coverPath } from './cover-image.js';
import type { StoreIntro } from './store-intro.js';

/** The creator's welcome at the top of the store home; nothing when none is written. */
export function StoreIntroSection({ ctx, intro }: { ctx: PageContext; intro: StoreIntro | undefined }) {
  if (!intro || (!intro.headline && !intro.text && !intro.imageKey)) return null;
  const picture = coverPath(intro.imageKey);
  return (
    <section class={picture ? 'store-welcome with-picture' : 'store-welcome'} aria-labelledby="h-welcome">
      <div class="store-welcome-text">
        <h2 id="h-welcome">{intro.headline || ctx.storeName}</h2>
        {/* Markdown rendered and sanitised like every product description (web/markdown.ts). */}
        {intro.text && <div class="prose" dangerouslySetInnerHTML={{ __html: renderMarkdown(intro.text) }} />}
      </div>
      {picture && <img class="store-welcome-picture" src={picture} alt={intro.imageAlt} />}
    </section>
  );
}
