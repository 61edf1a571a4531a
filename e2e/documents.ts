/** Documents the journeys hand the simulator's agents, read for real by its scripts. */

/** An invoice with two different totals: the Invoice Extractor asks which one to use. */
export const TWO_TOTALS = `ACME Supplies GmbH
INVOICE
Invoice Number: INV-2026-0077
Total: EUR 505.51
Grand total: EUR 520.00
`;
