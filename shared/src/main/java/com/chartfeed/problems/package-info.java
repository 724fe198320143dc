/**
 * The product's error vocabulary, RFC 7807 problems: what any layer may say went wrong with a
 * request (a field that is invalid, a symbol that is unknown, a service that is unavailable),
 * which the HTTP layer writes as {@code application/problem+json}. At the bottom, so that the
 * layers below HTTP can name a problem without depending on HTTP.
 */
package com.chartfeed.problems;
