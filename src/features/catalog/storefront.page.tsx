import type { Product } from '../../db/schema.js';
import type { PageContext } from '../../web/context.js';
import { Layout } from '../../web/layout.js';
import { coverPath } from './cover-image.js';
import { priceLabel } from './price.js';
import type { StoreIntro } from './store-intro.js';
import { StoreIntroSection } from './store-intro.page.js';

function ProductCard({ ctx, product }: { ctx: PageContext; product: Product }) {
  const cover = coverPath(product.cover_key);
  return (
    <li class="product-card">
      <a href={`/p/${product.slug}`}>
        {cover ? (
          <img class="card-cover" src={cover} alt="" loading="lazy" />
        ) : (
          <div class="card-cover cover-placeholder" aria-hidden="true">
            <span>{product.title.slice(0, 1)}</span>
          </div>
        )}
        <div class="card-body">
          <h2>{product.title}</h2>
          {product.summary && <p class="muted">{product.summary}</p>}
          <p class="card-price">{priceLabel(product, ctx.t, ctx.locale)}</p>
        </div>
      </a>
    </li>
  );
}

/** The store front: every published product as a card. */
export function StorefrontPage({
  ctx,
  products,
  intro,
}: {
  ctx: PageContext;
  products: Product[];
  intro?: StoreIntro;
}) {
  return (
    <Layout
      ctx={ctx}
      title={ctx.storeName}
      description={ctx.t('catalog.public.description.home', { store: ctx.storeName })}
    >
      <div class="store-intro">
        <h1>{ctx.storeName}</h1>
      </div>
      <StoreIntroSection ctx={ctx} intro={intro} />
      {products.length === 0 ? (
        <p class="empty">{ctx.t('catalog.public.empty')}</p>
      ) : (
        <ul class="product-grid">
          {products.map((p) => (
            <ProductCard ctx={ctx} product={p} />
          ))}
        </ul>
      )}
    </Layout>
  );
}
