/**
 * Matching (交易撮合): buyers' data needs, merchants' answers to them as private offers on their listed products, the
 * buyer's choice (an ordinary order on the chosen private offer) and the needs' close at their deadline.
 */
package org.dataexchange.marketplace.matching;
