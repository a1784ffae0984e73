/**
 * Ratings: a buyer's stars and short text on a product after delivery, the merchant's one answer, and the moderation of
 * abusive text (a configured word list and the parties' reports, decided by the operator).
 */
package org.dataexchange.marketplace.rating;
