/**
 * Accounts and signing in: sign-up of merchants and buyers with their organisation ({@code Registration}), the current
 * account ({@code AccountView}), password hashing, the sign-in throttle, bearer tokens and the secret that signs them
 * ({@code Secrets}, {@code TokenSecret}), and the roles ({@code Role}) every other feature checks.
 *
 * <p>Surface: {@link org.dataexchange.marketplace.account.AccountService}, {@link org.dataexchange.marketplace.account.Role},
 * {@link org.dataexchange.marketplace.account.Account}, {@link org.dataexchange.marketplace.account.AccountView},
 * {@link org.dataexchange.marketplace.account.Registration}, {@link org.dataexchange.marketplace.account.TokenSecret}.
 */
package org.dataexchange.marketplace.account;
