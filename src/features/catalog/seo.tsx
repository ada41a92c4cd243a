import type { Product } from '../../db/schema.js';
import { markdownToText } from '../../web/markdown.js';
import { coverPath } from './cover-image.js';
import { offerPrice } from './price.js';

export type SeoInput = { product: Product; publicUrl: string; storeName: string; preview: boolean };

/** What a search result or a shared link shows: the summary, else the start of the description. */
export function productDescription(product: Product): string {
  return product.summary || markdownToText(product.description_md);
}

/** schema.org Product as JSON that is safe inside a script element (`<` is escaped). */
export function productJsonLd({ product, publicUrl, storeName }: SeoInput): string {
  const url = `${publicUrl}/p/${product.slug}`;
  const cover = coverPath(product.cover_key);
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: product.title,
    description: productDescription(product),
    url,
    ...(cover ? { image: [`${publicUrl}${cover}`] } : {}),
    brand: { '@type': 'Brand', name: storeName },
    offers: {
      '@type': 'Offer',
      url,
      price: offerPrice(product),
      priceCurrency: product.currency,
      availability: product.status === 'published' ? 'https://schema.org/InStock' : 'https://schema.org/Discontinued',
    },
  };
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Open Graph, canonical link and JSON-LD for a product page's head. */
export function ProductHead(input: SeoInput) {
  const { product, publicUrl, storeName, preview } = input;
  const url = `${publicUrl}/p/${product.slug}`;
  const cover = coverPath(product.cover_key);
  return (
    <>
      {preview ? <meta name="robots" content="noindex" /> : <link rel="canonical" href={url} />}
      <meta property="og:type" content="product" />
      <meta property="og:site_name" content={storeName} />
      <meta property="og:title" content={product.title} />
      <meta property="og:description" content={productDescription(product)} />
      <meta property="og:url" content={url} />
      {cover && <meta property="og:image" content={`${publicUrl}${cover}`} />}
      {cover && <meta property="og:image:alt" content={product.title} />}
      <meta property="product:price:amount" content={offerPrice(product)} />
      <meta property="product:price:currency" content={product.currency} />
      <meta name="twitter:card" content={cover ? 'summary_large_image' : 'summary'} />
      {/* Structured data is not executed, so the CSP allows it; the JSON is escaped for a script element. */}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: productJsonLd(input) }} />
    </>
  );
}
