import type { ProductSection } from '../catalog/product-section.js';

/** A show's product page: its episodes and who hears them. */
export const podcastProductSection: ProductSection = async () => null;
