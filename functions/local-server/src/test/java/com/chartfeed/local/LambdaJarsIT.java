package com.chartfeed.local;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Fail closed, checked on what is deployed: every Lambda jar the function modules' shade plugin
 * wrote (the jars {@code infra/template.yaml} names) holds no H2, no sample candles and no embedded
 * database URL — what {@code unzip -l} and {@code unzip -p ... application.yml} would show. An
 * integration test (failsafe), so it runs in {@code mvn verify} after the function modules are
 * packaged; the parent pom's {@code no-embedded-database} enforcer rule keeps H2 out of their
 * dependencies in the first place. Also that shading kept, not dropped, the files several
 * dependencies carry under one name.
 */
class LambdaJarsIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "indicator/target/indicator-function-lambda.jar, com/chartfeed/functions/indicator/IndicatorFunction.class",
            "batch/target/batch-function-lambda.jar, com/chartfeed/functions/batch/BatchFunction.class",
            "cache-stats/target/cache-stats-function-lambda.jar, com/chartfeed/functions/cache/CacheFunction.class",
            "candle-invalidation/target/candle-invalidation-function-lambda.jar, "
                    + "com/chartfeed/functions/invalidation/CandleInvalidationFunction.class"})
    void carriesNoEmbeddedDatabaseNorSampleCandles(String jar, String handler) throws IOException {
        Path path = Path.of("..").resolve(jar);
        assertTrue(Files.isRegularFile(path), path + " is missing: build it with mvn package (mvn verify does)");
        try (ZipFile zip = new ZipFile(path.toFile())) {
            List<String> entries = zip.stream().map(ZipEntry::getName).toList();
            assertTrue(entries.contains(handler), "the handler " + handler + " in " + path);
            assertTrue(entries.contains("com/chartfeed/candles/DatabaseUrlCheck.class"),
                    path + " was built before the fail-closed check: rebuild it");
            List<String> embedded = entries.stream()
                    .filter(e -> e.startsWith("org/h2/") || e.contains("SampleCandles") || e.contains("SampleDataLoader")
                            || e.endsWith("application-local.yml"))
                    .toList();
            assertTrue(embedded.isEmpty(), path + " carries an embedded database or sample data: " + embedded);
            String config = new String(zip.getInputStream(zip.getEntry("application.yml")).readAllBytes(),
                    StandardCharsets.UTF_8);
            assertFalse(config.contains("jdbc:h2"), path + "'s application.yml names an embedded database");
            ZipEntry drivers = zip.getEntry("META-INF/services/java.sql.Driver");
            if (drivers != null) {
                String names = new String(zip.getInputStream(drivers).readAllBytes(), StandardCharsets.UTF_8);
                assertFalse(names.contains("org.h2"), path + " registers H2's JDBC driver: " + names);
            }
        }
    }

    /**
     * Only what the functions use: no bean validation (nothing is annotated for it) and no
     * micronaut-management, whose endpoints would answer beside the API (shared/pom.xml).
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"indicator/target/indicator-function-lambda.jar", "batch/target/batch-function-lambda.jar",
            "cache-stats/target/cache-stats-function-lambda.jar",
            "candle-invalidation/target/candle-invalidation-function-lambda.jar"})
    void carriesNeitherValidationNorManagement(String jar) throws IOException {
        try (ZipFile zip = new ZipFile(Path.of("..").resolve(jar).toFile())) {
            List<String> unused = zip.stream().map(ZipEntry::getName)
                    .filter(e -> e.startsWith("io/micronaut/validation/") || e.startsWith("jakarta/validation/")
                            || e.startsWith("io/micronaut/management/"))
                    .limit(5)
                    .toList();
            assertEquals(List.of(), unused, jar);
        }
    }

    /** A Netty package, and the artifact whose version entries {@code io.netty.util.Version} reads for it. */
    private static final Map<String, String> NETTY_ARTIFACTS = Map.of(
            "io/netty/buffer/", "netty-buffer",
            "io/netty/util/", "netty-common",
            "io/netty/channel/", "netty-transport",
            "io/netty/handler/ssl/", "netty-handler",
            "io/netty/resolver/", "netty-resolver");

    /**
     * Where several dependencies carry a file of the same name, the jar keeps what each of them
     * says (the shade configuration in the parent pom merges them) instead of the first one's:
     * every Netty artifact's version entries, every notice in one {@code META-INF/NOTICE}; and
     * no module descriptor, which would describe a module the jar no longer is.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"indicator/target/indicator-function-lambda.jar", "batch/target/batch-function-lambda.jar",
            "cache-stats/target/cache-stats-function-lambda.jar",
            "candle-invalidation/target/candle-invalidation-function-lambda.jar"})
    void keepsWhatEveryDependencyCarries(String jar) throws IOException {
        Path path = Path.of("..").resolve(jar);
        assertTrue(Files.isRegularFile(path), path + " is missing: build it with mvn package (mvn verify does)");
        try (ZipFile zip = new ZipFile(path.toFile())) {
            List<String> entries = zip.stream().map(ZipEntry::getName).toList();
            assertEquals(List.of(), entries.stream().filter(e -> e.endsWith("module-info.class")).toList(),
                    path + " carries module descriptors");
            assertTrue(entries.contains("META-INF/NOTICE"), path + " has no META-INF/NOTICE");
            assertEquals(List.of(), entries.stream().filter(e -> e.startsWith("META-INF/NOTICE.")).toList(),
                    path + ": notices not merged into META-INF/NOTICE");
            Properties netty = new Properties();
            ZipEntry versions = zip.getEntry("META-INF/io.netty.versions.properties");
            if (versions != null) {
                netty.load(zip.getInputStream(versions));
            }
            NETTY_ARTIFACTS.forEach((pkg, artifact) -> {
                if (entries.stream().anyMatch(e -> e.startsWith(pkg) && e.endsWith(".class"))) {
                    assertTrue(netty.containsKey(artifact + ".version"),
                            path + " holds " + artifact + "'s classes but not its version: " + netty.stringPropertyNames());
                }
            });
        }
    }
}
