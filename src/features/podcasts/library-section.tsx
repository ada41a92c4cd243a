import type { LibrarySection } from '../library/library-section.js';
import { listListenerShows } from './library-access.js';
import { subscribePath } from './links.js';

/** "Your podcasts" in the library: every show the address hears, with its subscribe page. */
export const podcastLibrarySection: LibrarySection = async (db, email, ctx) => {
  const shows = await listListenerShows(db, email, new Date());
  if (shows.length === 0) return null;
  return (
    <section class="panel library-podcasts" aria-labelledby="h-podcasts">
      <h2 id="h-podcasts">{ctx.t('podcasts.library.title')}</h2>
      <ul>
        {shows.map((s) => (
          <li>
            <strong>{s.title}</strong>
            {s.feed_status === 'suspended' && <span class="muted"> ({ctx.t('podcasts.library.paused')})</span>}
            <br />
            <a href={subscribePath(s.product_id)} aria-label={`${ctx.t('podcasts.library.subscribe')}: ${s.title}`}>
              {ctx.t('podcasts.library.subscribe')}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
};
