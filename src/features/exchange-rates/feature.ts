import type { Feature } from '../feature.js';
import { fetchRatesHandler } from './fetch-rates.job.js';

export const exchangeRatesFeature: Feature = {
  name: 'exchange-rates',
  jobs: [fetchRatesHandler],
};
