/** § 312k BGB: the cancellation button's page, linked from every page's footer, without login. */
export const CANCEL_CONTRACTS_PATH = '/cancel-contracts';
/** The German address of the same page. */
export const CANCEL_CONTRACTS_ALIAS = '/vertraege-kuendigen';
