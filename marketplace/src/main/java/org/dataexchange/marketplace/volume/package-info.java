/**
 * Licence volume limits (用途用量, SPEC §4 "Later capabilities"): what each licence has used of the records, calls,
 * queries and downloads its terms cap, counted by every delivery path (file downloads, metered API calls, sandbox
 * queries) with one check-and-count that cannot pass a cap however many requests come at once, and the use and what
 * is left, for the buyer, the seller, the operator and the regulator.
 *
 * <p>Owns the table {@code licence_volume}. Surface: {@link org.dataexchange.marketplace.volume.LicenceVolumes}.
 * Depends on order and licence.
 */
package org.dataexchange.marketplace.volume;
