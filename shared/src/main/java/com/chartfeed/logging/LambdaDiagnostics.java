package com.chartfeed.logging;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultDiagnosticInfoPopulator;
import io.micronaut.function.aws.DiagnosticInfoPopulator;
import jakarta.inject.Singleton;

/**
 * Replaces micronaut-function-aws's MDC populator, which put a second copy of the request id
 * ({@code AWSRequestId} beside {@code awsRequestId}), a second trace id ({@code AWS-XRAY-TRACE-ID},
 * read from the environment first, which Java's runtime never updates) and the function's name,
 * version, ARN, memory and remaining time into every log line. The ids are {@link RequestLog}'s,
 * under one name each; the rest is in Lambda's own START and REPORT lines.
 */
@Singleton
@Replaces(DefaultDiagnosticInfoPopulator.class)
public final class LambdaDiagnostics implements DiagnosticInfoPopulator {

    @Override
    public void populateMappingDiagnosticContextValues(Context context) {
        // RequestLog.begin put the ids already, under the names the log lines and EMF records share.
    }

    @Override
    public void populateMappingDiagnosticContextWithXrayTraceId() {
        // JsonLineEncoder adds the current trace id to every line, whatever thread writes it.
    }
}
