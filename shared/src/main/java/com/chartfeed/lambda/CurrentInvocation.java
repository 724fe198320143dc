package com.chartfeed.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.function.aws.DefaultLambdaContextFactory;
import io.micronaut.function.aws.LambdaContextFactory;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * The Lambda context of the invocation being handled, for code that needs its remaining time.
 *
 * <p>Replaces micronaut-function-aws's factory, which registers each invocation's context and
 * logger as new singletons: the bean definitions pile up, two more per invocation, and each
 * registration searches all of them, so a warm container answered more slowly with every request
 * it served and never gave the memory back (docs/benchmarks.md, "Batches again"). A Lambda
 * container handles one invocation at a time, so the latest context is the current one.
 */
@Singleton
@Replaces(DefaultLambdaContextFactory.class)
public final class CurrentInvocation implements LambdaContextFactory {
    private volatile Context current;

    @Override
    public void registerSingletons(Context context) {
        current = context;
    }

    /** Forgets the last invocation: after a SnapStart restore, that was a priming request's. */
    public void forget() {
        current = null;
    }

    /** The current invocation's context; empty outside Lambda (the local HTTP server). */
    public Optional<Context> context() {
        return Optional.ofNullable(current);
    }
}
