import type { Config } from '../../config.js';

/** How a send is cut up; tuned with `npm run bench -- newsletter` (see docs/architecture.md). */
export type SendTuning = {
  /** Recipients per batch job (rows written per fan-out transaction). */
  batchSize: number;
  /** Messages claimed together by one guarded UPDATE (at most this many end 'unknown' after a crash). */
  claimSize: number;
  /** Claim groups in flight per batch job (their messages share the SMTP pool). */
  lanes: number;
};

export function sendTuning(config: Pick<Config, 'newsletterBatchSize'>): SendTuning {
  return { batchSize: config.newsletterBatchSize, claimSize: 10, lanes: 4 };
}
