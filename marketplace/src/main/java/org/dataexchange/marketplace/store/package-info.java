/**
 * Serving the web store (the frontend module's build): the fallback of client routes to {@code index.html} and the
 * security headers on every response. No surface: it only hooks into the HTTP server.
 */
package org.dataexchange.marketplace.store;
