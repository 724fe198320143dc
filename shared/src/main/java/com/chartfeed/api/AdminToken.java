package com.chartfeed.api;

import com.chartfeed.problems.ProblemException;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Guards the admin routes with {@code Authorization: Bearer <ADMIN_TOKEN>} (the scheme in any
 * case), or the same token in
 * {@code X-Admin-Token}: behind API Gateway's IAM authorization the {@code Authorization} header
 * carries the SigV4 signature, so the token needs a header of its own there. Without a configured
 * token, a random one is made, so a server is never open by accident; only the local server shows
 * it, once at start-up ({@link #generated()}): no log line anywhere else carries it.
 */
@Context // eager, so a generated token is printed at start-up, not at the first admin request
public final class AdminToken {
    private static final Logger LOG = LoggerFactory.getLogger(AdminToken.class);
    private static final String BEARER = "Bearer ";
    public static final String HEADER = "X-Admin-Token";

    private final byte[] token;
    private final String generated;

    public AdminToken(@Nullable @Value("${admin.token:}") String configured) {
        String value = configured;
        if (value == null || value.isBlank()) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            value = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            LOG.warn("ADMIN_TOKEN is not set; admin routes accept only a generated token");
        }
        this.generated = value.equals(configured) ? null : value;
        this.token = value.getBytes(StandardCharsets.UTF_8);
    }

    /** The generated token when none was configured, for the local server to show at start-up. */
    public java.util.Optional<String> generated() {
        return java.util.Optional.ofNullable(generated);
    }

    /** Passes silently for the right token, else {@code 401}. */
    public void check(HttpHeaders headers) {
        String authorization = headers.get(HttpHeaders.AUTHORIZATION);
        String header = headers.get(HEADER);
        String presented = header != null ? header : bearerToken(authorization);
        if (presented == null) {
            throw ProblemException.unauthorized("This route needs Authorization: Bearer <admin token> "
                    + "(or X-Admin-Token: <admin token> where Authorization carries an AWS signature).");
        }
        byte[] given = presented.strip().getBytes(StandardCharsets.UTF_8);
        // Constant time, so response timing does not reveal how much of a guess was right.
        if (!MessageDigest.isEqual(given, token)) {
            throw ProblemException.unauthorized("The admin token is wrong.");
        }
    }

    /** The token of {@code Bearer <token>}; the scheme is case-insensitive (RFC 9110, 11.1). */
    private static String bearerToken(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? authorization.substring(BEARER.length())
                : null;
    }
}
