package com.chartfeed.load;

import picocli.CommandLine;

import java.time.Duration;

/** Runs a picocli command with the drivers' conventions (durations like {@code 5s}) and exits with its code. */
final class Cli {
    private Cli() {
    }

    static void run(Object command, String[] args) {
        int code = new CommandLine(command)
                .registerConverter(Duration.class, Durations::parse)
                .setUsageHelpWidth(110)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    // Expected failures (bad option, missing build) read better as one line.
                    if (e instanceof IllegalArgumentException || e instanceof IllegalStateException && e.getCause() == null) {
                        System.err.println("error: " + e.getMessage());
                        return 2;
                    }
                    throw e;
                })
                .execute(args);
        System.exit(code);
    }
}
