import type { Feature } from '../feature.js';
import { fetchRatesHandler } from './fetch-rates.job.js';
import { exchangeRatesMessages } from './messages.js';

export const exchangeRatesFeature: Feature = {
  name: 'exchange-rates',
  messages: exchangeRatesMessages,
  jobs: [fetchRatesHandler],
};
