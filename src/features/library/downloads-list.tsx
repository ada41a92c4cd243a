import type { PageContext } from '../../web/context.js';
import { formatFileSize } from '../../web/format.js';
import type { OrderDownloads } from '../delivery/links.js';

/** The files of an order's purchases, each a download button with its file name and size. */
export function DownloadsList({
  ctx,
  downloads,
  level,
}: {
  ctx: PageContext;
  downloads: OrderDownloads;
  /** The heading level of each product title, to fit the page's outline. */
  level: 3 | 4;
}) {
  const Heading = level === 3 ? 'h3' : 'h4';
  return (
    <div class="library-downloads">
      {downloads.map((d) => (
        <div class="library-product">
          <Heading>{d.productTitle}</Heading>
          {d.files.length === 0 ? (
            <p class="muted">{ctx.t('library.noFiles')}</p>
          ) : (
            <ul class="plain file-list">
              {d.files.map((f) => (
                <li>
                  <a class="btn btn-secondary" href={httpUrl(f.url)}>
                    {f.name}
                  </a>
                  <span class="muted">
                    {f.fileName} · {formatFileSize(f.sizeBytes, ctx.locale)}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {d.downloadLimit !== null && (
            <p class="hint">{ctx.t('library.downloadsLeft', { left: d.downloadsLeft ?? 0, limit: d.downloadLimit })}</p>
          )}
        </div>
      ))}
    </div>
  );
}

/** Links come from PUBLIC_URL; still, only web URLs become an href. */
function httpUrl(url: string): string | undefined {
  return /^https?:\/\//.test(url) ? url : undefined;
}
