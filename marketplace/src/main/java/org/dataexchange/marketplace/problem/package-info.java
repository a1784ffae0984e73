/**
 * Refusals as RFC 9457 problems: the kinds ({@link org.dataexchange.marketplace.problem.ProblemType}, one stable
 * {@code type} URI each, listed in docs/problems.md), the exception domain code throws
 * ({@link org.dataexchange.marketplace.problem.ApiProblem}, which carries a kind and no HTTP type), the one mapping of
 * failures from below the API (ledger, database) to problems
 * ({@link org.dataexchange.marketplace.problem.FailureProblems}), and the handler that alone turns a problem into an
 * HTTP status and an {@code application/problem+json} body ({@link org.dataexchange.marketplace.problem.ProblemJson}).
 */
package org.dataexchange.marketplace.problem;
