package com.chartfeed.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.chartfeed.logging.RequestLog;
import com.chartfeed.metrics.InvocationMetrics;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Modifier;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

/**
 * The SAM template ({@code infra/template.yaml}) against the code and the public contract: every
 * function's handler exists and its CodeUri is the jar its module's shade plugin writes; every route
 * of {@code docs/api.md} is an HttpApi event, with AWS_IAM exactly on the admin routes; every
 * sample event under {@code infra/events} is JSON and every route has one; every reference resolves;
 * the runtime is the JDK the build targets; only the upload function connects as the database owner
 * and the database's TLS verifies its certificate; the alarms and the dashboard read the metrics the
 * functions write. No AWS account or SAM CLI is needed; {@code cfn-lint}, AWS's own linter, runs
 * where it is installed.
 */
class TemplateTest {
    private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";

    /** The four functions: handler, module and deployable jar are fixed; logical IDs are the template's. */
    private static final Map<String, String> CODE_URI_BY_HANDLER = Map.of(
            "com.chartfeed.functions.indicator.IndicatorFunction",
            "../functions/indicator/target/indicator-function-lambda.jar",
            "com.chartfeed.functions.batch.BatchFunction",
            "../functions/batch/target/batch-function-lambda.jar",
            "com.chartfeed.functions.cache.CacheFunction",
            "../functions/cache-stats/target/cache-stats-function-lambda.jar",
            "com.chartfeed.functions.invalidation.CandleInvalidationFunction",
            "../functions/candle-invalidation/target/candle-invalidation-function-lambda.jar");
    private static final String INVALIDATION_HANDLER = "com.chartfeed.functions.invalidation.CandleInvalidationFunction";
    private static final String INDICATOR_HANDLER = "com.chartfeed.functions.indicator.IndicatorFunction";
    /**
     * Public routes that docs/api.md does not define as routes, all from the indicator function: the chart page, its static
     * files and icon, the OpenAPI document and the page that renders it.
     */
    private static final Set<String> PAGE_ROUTES = Set.of("GET /", "GET /chart/{proxy+}", "GET /favicon.ico",
            "GET /openapi.yml", "GET /api-docs", "GET /api-docs/{proxy+}");
    /** The Embedded Metric Format contract of the functions: metric names and Function dimension values. */
    private static final Set<String> METRICS = Set.of("CacheHitL1", "CacheHitL2", "CacheMiss", "CacheStale", "L1Time",
            "L2Time", "DatabaseTime", "ComputeTime", "DatabaseReads", "RedisBreakerOpen", "DatabaseBreakerOpen",
            "BatchSize", "InvalidatedScopes", "IngestionRecords", "IngestionRecordsFailed", "ColdStart");
    private static final Set<String> METRIC_FUNCTIONS = Set.of("indicator", "batch", "cache-stats", "candle-invalidation");

    private static final Pattern CODE_URI = Pattern.compile("\\.\\./(functions/[a-z0-9-]+)/target/[A-Za-z0-9._-]+\\.jar");
    private static final Pattern ROUTE = Pattern.compile("`(GET|POST|PUT|DELETE|PATCH) (/[^`\\s?]*)[^`]*`");
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs",
            "AWS::NoValue", "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");
    private static final int API_GATEWAY_TIMEOUT_SECONDS = 30;

    private static Path root;
    private static Map<String, Object> template;

    @BeforeAll
    static void load() throws IOException {
        root = repositoryRoot();
        template = loadTemplate(root.resolve("infra/template.yaml"));
    }

    // ---------------------------------------------------------------------------------------------
    // Functions
    // ---------------------------------------------------------------------------------------------

    /**
     * The four handlers, each from its module's jar. The indicator handler is deployed twice, as the
     * read side and as the upload (the only function connecting as the database owner); any other
     * handler once.
     */
    @Test
    void theTemplateDeploysExactlyTheFourHandlersFromTheirJars() {
        Map<String, String> deployed = new TreeMap<>();
        Map<String, Integer> deployments = new TreeMap<>();
        functions().forEach((id, properties) -> {
            String handler = handlerClass(properties);
            deployments.merge(handler, 1, Integer::sum);
            String codeUri = (String) properties.get("CodeUri");
            String before = deployed.put(handler, codeUri);
            assertTrue(before == null || before.equals(codeUri), handler + " is deployed from two jars");
        });
        assertEquals(new TreeMap<>(CODE_URI_BY_HANDLER), deployed);
        deployments.forEach((handler, count) -> assertEquals(handler.equals(INDICATOR_HANDLER) ? 2 : 1, count,
                handler + " deployments"));
    }

    /**
     * Per function: a handler class that exists, a CodeUri that is exactly the jar its module's shade
     * plugin writes (so `mvn package` at the root makes what `sam deploy` uploads), at least one
     * event. The handler class must load once its module is on this module's test classpath; until
     * then its source must exist. A module not yet merged into this branch is reported as skipped.
     */
    @TestFactory
    Stream<DynamicTest> everyFunctionHasAnExistingHandlerItsModulesJarAndAnEvent() {
        return functions().entrySet().stream().map(function -> DynamicTest.dynamicTest(function.getKey(), () -> {
            Map<String, Object> properties = function.getValue();
            String handler = handlerClass(properties);
            Object events = properties.get("Events");
            assertTrue(events instanceof Map<?, ?> map && !map.isEmpty(), function.getKey() + " has no event");

            String codeUri = (String) properties.get("CodeUri");
            Matcher uri = CODE_URI.matcher(Objects.requireNonNull(codeUri, "CodeUri"));
            assertTrue(uri.matches(), "CodeUri should be a module's target/*.jar, relative to infra/: " + codeUri);
            String module = uri.group(1);
            Path moduleDir = root.resolve(module);
            Path modulePom = moduleDir.resolve("pom.xml");
            boolean listed = moduleList().contains(module);
            if (!Files.exists(modulePom)) {
                assertFalse(listed, module + " is in the root pom's modules but has no pom.xml");
                abort(module + " is not merged into this branch yet: " + handler + " unchecked");
            }
            assertTrue(listed, module + " is not in the root pom's <modules>: `mvn package` would not build "
                    + codeUri);

            Document pom = xml(modulePom);
            String shadeOutput = shadeOutputFile(pom, modulePom);
            Path jar = root.resolve(shadeOutput.replace("${project.build.directory}", module + "/target")
                    .replace("${project.basedir}", module).replace("${basedir}", module)).normalize();
            assertEquals(jar, root.resolve("infra").resolve(codeUri).normalize(),
                    "CodeUri must be the shade plugin's outputFile of " + modulePom);

            Path source = moduleDir.resolve("src/main/java/" + handler.replace('.', '/') + ".java");
            assertTrue(Files.isRegularFile(source), "handler source missing: " + source);

            String artifactId = text(child(pom.getDocumentElement(), "artifactId"));
            boolean onClasspath = localServerDependsOn(artifactId);
            Class<?> type = null;
            try {
                type = Class.forName(handler, false, TemplateTest.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                if (onClasspath) {
                    fail(handler + " does not load although local-server depends on " + artifactId, e);
                }
            }
            if (type != null) {
                assertLambdaHandler(type);
            }
        }));
    }

    @Test
    void apiFunctionsEndBeforeTheGatewayAndEveryFunctionRunsSnapStartInTheVpc() {
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        functions().forEach((id, properties) -> {
            int timeout = ((Number) effective(properties, globals, "Timeout")).intValue();
            if (!httpApiEvents(properties).isEmpty()) {
                assertTrue(timeout < API_GATEWAY_TIMEOUT_SECONDS, id + " times out after the HTTP API (30 s): " + timeout);
            }
            assertNotNull(effective(properties, globals, "MemorySize"), id + " MemorySize");
            assertNotNull(effective(properties, globals, "AutoPublishAlias"), id + " needs a published alias for SnapStart");
            assertEquals("PublishedVersions", map(effective(properties, globals, "SnapStart")).get("ApplyOn"), id);
            Map<String, Object> vpc = map(effective(properties, globals, "VpcConfig"));
            assertEquals(2, ((List<?>) vpc.get("SubnetIds")).size(), id + " should run in both private subnets");
            // Their snapshot hook runs the migrations and primes against the database and Redis.
            Set<String> dependsOn = new TreeSet<>(list(template(id).get("DependsOn")).stream().map(String::valueOf).toList());
            assertTrue(dependsOn.containsAll(resourcesOfType("AWS::RDS::DBInstance")), id + " DependsOn " + dependsOn);
        });
        Map<String, Object> batch = functionByHandler("com.chartfeed.functions.batch.BatchFunction");
        assertTrue(((Number) effective(batch, globals, "Timeout")).intValue() > 5,
                "the batch function's 5 s internal deadline must fit in its Lambda timeout");
    }

    @Test
    void functionsAreConfiguredFromTheStackAsApiMdNamesIt() {
        Map<String, Object> variables = map(map(map(map(template.get("Globals")).get("Function")).get("Environment")).get("Variables"));
        assertTrue(variables.keySet().containsAll(List.of("DATASOURCES_DEFAULT_URL", "DATASOURCES_DEFAULT_USERNAME",
                "DATASOURCES_DEFAULT_PASSWORD", "REDIS_URI", "ADMIN_TOKEN")), variables.keySet().toString());
        assertTrue(sub(variables.get("DATASOURCES_DEFAULT_URL")).startsWith("jdbc:postgresql://${"));
        assertTrue(sub(variables.get("DATASOURCES_DEFAULT_PASSWORD")).startsWith("{{resolve:secretsmanager:"));
        String redis = sub(variables.get("REDIS_URI"));
        assertTrue(redis.matches("rediss://:\\{\\{resolve:secretsmanager:.+?}}@\\$\\{[A-Za-z0-9]+\\.PrimaryEndPoint\\.Address}:.+"),
                "REDIS_URI should be rediss://:<token>@<primary endpoint>:<port>, was " + redis);
        assertTrue(String.valueOf(variables.get("JAVA_TOOL_OPTIONS")).contains("-XX:TieredStopAtLevel=1"));
        // Migrations run in the SnapStart hook (SnapStartHooks), not in every container's init.
        assertEquals("false", String.valueOf(variables.get("FLYWAY_DATASOURCES_DEFAULT_ENABLED")));
    }

    // ---------------------------------------------------------------------------------------------
    // HTTP API
    // ---------------------------------------------------------------------------------------------

    @Test
    void everyApiMdRouteIsAnHttpApiEventWithIamExactlyOnTheAdminRoutes() throws IOException {
        Map<String, Boolean> documented = apiRoutes();
        Map<String, Object> deployed = new TreeMap<>();
        functions().forEach((id, properties) -> httpApiEvents(properties).forEach(event -> {
            String key = event.get("Method") + " " + event.get("Path");
            assertFalse(deployed.containsKey(key), key + " is routed twice");
            assertEquals("AWS::Serverless::HttpApi", resourceType(refTarget(event.get("ApiId"))), key + " ApiId");
            deployed.put(key, event.get("Auth") == null ? null : map(event.get("Auth")).get("Authorizer"));
        }));
        Set<String> expected = new TreeSet<>(documented.keySet());
        expected.addAll(PAGE_ROUTES);
        assertEquals(expected, new TreeSet<>(deployed.keySet()),
                "routes in docs/api.md and the chart page's vs HttpApi events in infra/template.yaml");
        for (String page : PAGE_ROUTES) {
            assertNull(deployed.get(page), page + " is public");
        }
        functions().forEach((id, properties) -> httpApiEvents(properties).forEach(event -> {
            if (PAGE_ROUTES.contains(event.get("Method") + " " + event.get("Path"))) {
                assertEquals(INDICATOR_HANDLER, handlerClass(properties), "the chart page comes with the indicator function");
            }
        }));
        documented.forEach((route, admin) -> {
            Object authorizer = deployed.get(route);
            if (admin) {
                assertEquals("AWS_IAM", authorizer, route + " is admin only");
            } else {
                assertTrue(authorizer == null || "NONE".equals(authorizer), route + " is public, has " + authorizer);
            }
        });
        for (String api : resourcesOfType("AWS::Serverless::HttpApi")) {
            Map<String, Object> auth = map(properties(api).get("Auth"));
            assertEquals(true, auth.get("EnableIamAuthorizer"), api + ": AWS_IAM routes need EnableIamAuthorizer");
            assertFalse(auth.containsKey("DefaultAuthorizer"), api + ": a default authorizer would close the public routes");
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Events
    // ---------------------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everySampleEventIsJsonAndEveryRouteHasOne() throws IOException {
        Path dir = root.resolve("infra/events");
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        Map<String, Boolean> routes = new TreeMap<>(apiRoutes());
        PAGE_ROUTES.forEach(route -> routes.put(route, false));
        Map<String, Map<String, Object>> events = new LinkedHashMap<>();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path file : files) {
            tests.add(DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
                Map<String, Object> event = JsonMapper.createDefault().readValue(Files.readAllBytes(file),
                        Argument.mapOf(String.class, Object.class));
                if (event.containsKey("routeKey")) {
                    assertHttpEvent(file, event, routes);
                    events.put(file.getFileName().toString(), event);
                }
            }));
        }
        tests.add(DynamicTest.dynamicTest("every route has a sample event", () -> {
            Set<String> covered = events.values().stream().map(e -> (String) e.get("routeKey")).collect(Collectors.toSet());
            Set<String> missing = new TreeSet<>(routes.keySet());
            missing.removeAll(covered);
            assertTrue(missing.isEmpty(), "no sample event in infra/events for " + missing);
        }));
        return tests.stream();
    }

    @Test
    void invalidationListensToSnsEventBridgeAndSqsWithDeadLetterQueues() {
        Map<String, Object> function = functionByHandler(INVALIDATION_HANDLER);
        Map<String, Map<String, Object>> byType = new TreeMap<>();
        map(function.get("Events")).values().forEach(e -> byType.put((String) map(e).get("Type"), map(map(e).get("Properties"))));
        assertTrue(byType.keySet().containsAll(List.of("SNS", "EventBridgeRule", "SQS")), byType.keySet().toString());

        assertEquals("AWS::SNS::Topic", resourceType(refTarget(byType.get("SNS").get("Topic"))));
        Map<String, Object> pattern = map(byType.get("EventBridgeRule").get("Pattern"));
        assertEquals(List.of("candles.ingestion"), pattern.get("source"));
        assertEquals(List.of("CandlesIngested"), pattern.get("detail-type"));

        Map<String, Object> sqs = byType.get("SQS");
        assertTrue(list(sqs.get("FunctionResponseTypes")).contains("ReportBatchItemFailures"));
        String queue = refTarget(sqs.get("Queue"));
        assertEquals("AWS::SQS::Queue", resourceType(queue));
        Map<String, Object> redrive = map(properties(queue).get("RedrivePolicy"));
        String dlq = refTarget(redrive.get("deadLetterTargetArn"));
        assertEquals("AWS::SQS::Queue", resourceType(dlq), queue + " needs its own dead-letter queue");
        assertFalse(queue.equals(dlq));

        // SNS and EventBridge invoke asynchronously: their failures need a destination too.
        Object asyncFailures = function.containsKey("EventInvokeConfig")
                ? map(map(map(function.get("EventInvokeConfig")).get("DestinationConfig")).get("OnFailure")).get("Destination")
                : map(function.get("DeadLetterQueue")).get("TargetArn");
        assertEquals("AWS::SQS::Queue", resourceType(refTarget(asyncFailures)), "async failures go to an SQS queue");
    }

    @Test
    void redisAndPostgresAreEncryptedRedundantAndReachableFromTheFunctionsOnly() {
        String lambdaSg = refTarget(list(map(map(map(template.get("Globals")).get("Function")).get("VpcConfig"))
                .get("SecurityGroupIds")).get(0));
        String redis = single(resourcesOfType("AWS::ElastiCache::ReplicationGroup"));
        Map<String, Object> rg = properties(redis);
        for (String flag : List.of("TransitEncryptionEnabled", "AtRestEncryptionEnabled", "MultiAZEnabled",
                "AutomaticFailoverEnabled")) {
            assertEquals(true, rg.get(flag), redis + " " + flag);
        }
        assertEquals(2, rg.get("NumCacheClusters"), "cluster mode disabled, one primary and one replica");
        assertFalse(rg.containsKey("NumNodeGroups"), "cluster mode disabled");
        assertTrue(sub(rg.get("AuthToken")).startsWith("{{resolve:secretsmanager:"), "AUTH token from Secrets Manager");
        assertOnlyIngress(list(rg.get("SecurityGroupIds")), 6379, lambdaSg);

        String cluster = single(resourcesOfType("AWS::RDS::DBCluster"));
        Map<String, Object> db = properties(cluster);
        assertEquals("aurora-postgresql", db.get("Engine"));
        assertNotNull(db.get("ServerlessV2ScalingConfiguration"));
        for (String instance : resourcesOfType("AWS::RDS::DBInstance")) {
            assertEquals("db.serverless", properties(instance).get("DBInstanceClass"));
            assertEquals(cluster, refTarget(properties(instance).get("DBClusterIdentifier")));
        }
        assertOnlyIngress(list(db.get("VpcSecurityGroupIds")), 5432, lambdaSg);
    }

    // ---------------------------------------------------------------------------------------------
    // Runtime, secrets, least privilege
    // ---------------------------------------------------------------------------------------------

    /** Lambda runs the JDK the build compiles for and the tests run on, and can still create it. */
    @Test
    void theRuntimeIsTheJavaVersionTheBuildTargets() throws Exception {
        Element properties = child(xml(root.resolve("pom.xml")).getDocumentElement(), "properties");
        String release = text(child(properties, "release.version"));
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        functions().forEach((id, function) -> assertEquals("java" + release, effective(function, globals, "Runtime"), id));
    }

    /**
     * Every secret comes from Secrets Manager: no parameter holds one (only ARNs of secrets), and
     * every environment variable carrying a password or token is a dynamic reference.
     */
    @Test
    void noSecretIsAParameterADefaultOrAPlainValue() {
        map(template.get("Parameters")).forEach((name, parameter) -> {
            if (name.matches("(?i).*(password|token|secret|key).*")) {
                assertTrue(name.endsWith("Arn"), name + " looks like a secret passed as a parameter");
            }
        });
        List<Map<String, Object>> environments = new ArrayList<>();
        environments.add(map(map(map(map(template.get("Globals")).get("Function")).get("Environment")).get("Variables")));
        functions().values().forEach(f -> environments.add(map(map(f.get("Environment")).get("Variables"))));
        for (Map<String, Object> variables : environments) {
            variables.forEach((name, value) -> {
                if (name.matches(".*(PASSWORD|TOKEN)$") || name.equals("REDIS_URI")) {
                    List<String> strings = new ArrayList<>();
                    collectStrings(value, strings);
                    assertFalse(strings.isEmpty(), name);
                    strings.forEach(text -> assertTrue(text.contains("{{resolve:secretsmanager:"),
                            name + " must come from Secrets Manager, is " + text));
                }
            });
        }
    }

    /**
     * The read paths connect as the read-only login; only the function serving the candle upload
     * connects as the owner (the cluster's master user). It also gets the read-only login's
     * credentials, which its snapshot hook creates, so every other function publishes after it.
     */
    @Test
    void onlyTheUploadFunctionConnectsAsTheDatabaseOwner() {
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        Map<String, Object> globalVariables = map(map(globals.get("Environment")).get("Variables"));
        String owner = secretOf(properties(single(resourcesOfType("AWS::RDS::DBCluster"))).get("MasterUsername"));
        String reader = secretOf(globalVariables.get("DATASOURCES_DEFAULT_USERNAME"));
        assertFalse(owner.equals(reader), "the functions' default login must not be the owner " + owner);
        assertEquals(reader, secretOf(globalVariables.get("DATASOURCES_DEFAULT_PASSWORD")));

        List<String> owners = new ArrayList<>();
        functions().forEach((id, function) -> {
            Map<String, Object> variables = new TreeMap<>(globalVariables);
            variables.putAll(map(map(function.get("Environment")).get("Variables")));
            String login = secretOf(variables.get("DATASOURCES_DEFAULT_USERNAME"));
            assertEquals(login, secretOf(variables.get("DATASOURCES_DEFAULT_PASSWORD")), id);
            if (login.equals(owner)) {
                owners.add(id);
                Set<String> routes = new TreeSet<>();
                httpApiEvents(function).forEach(e -> routes.add(e.get("Method") + " " + e.get("Path")));
                assertEquals(Set.of("PUT /v1/candles/{symbol}/{interval}"), routes, id + " is the owner: the write route only");
                assertEquals(reader, secretOf(variables.get("DATABASE_READER_USERNAME")), id);
                assertEquals(reader, secretOf(variables.get("DATABASE_READER_PASSWORD")), id);
            } else {
                assertEquals(reader, login, id);
                assertFalse(variables.containsKey("DATABASE_READER_PASSWORD"), id);
            }
        });
        assertEquals(1, owners.size(), "exactly one function connects as the owner: " + owners);
        String ownerAlias = owners.get(0) + "Alias" + effective(properties(owners.get(0)), globals, "AutoPublishAlias");
        functions().keySet().stream().filter(id -> !id.equals(owners.get(0))).forEach(id ->
                assertTrue(list(template(id).get("DependsOn")).contains(ownerAlias), id + " must publish after " + ownerAlias));
    }

    /**
     * PostgreSQL's TLS verifies the server's certificate and name against the RDS CA bundle, which
     * a layer puts where the JDBC URL looks and docs/operations.md says how to fetch.
     */
    @Test
    void theDatabaseTlsVerifiesTheServerAgainstTheRdsBundle() throws IOException {
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        String url = sub(map(map(globals.get("Environment")).get("Variables")).get("DATASOURCES_DEFAULT_URL"));
        assertTrue(url.contains("sslmode=verify-full"), url);
        Matcher rootCert = Pattern.compile("sslrootcert=/opt/([^&]+)").matcher(url);
        assertTrue(rootCert.find(), "sslrootcert should be a file of a layer (under /opt): " + url);
        String layer = single(list(globals.get("Layers")).stream().map(TemplateTest::refTarget).toList());
        assertEquals("AWS::Serverless::LayerVersion", resourceType(layer));
        String bundle = "infra/" + properties(layer).get("ContentUri") + rootCert.group(1);
        assertTrue(Files.readString(root.resolve("docs/operations.md")).contains(bundle),
                "docs/operations.md should say how to fetch " + bundle);
    }

    // ---------------------------------------------------------------------------------------------
    // Alarms and dashboard
    // ---------------------------------------------------------------------------------------------

    /**
     * The alarms the issue asks for, on metrics that exist: AWS's, or the functions' Embedded Metric
     * Format records (their names, in MetricsNamespace, with the dimensions Stack = this stack and
     * Function, as InvocationMetrics writes them). Every alarm notifies AlarmTopicArn when it is
     * set and has no action when it is empty.
     */
    @Test
    void alarmsWatchTheServiceAndNotifyTheAlarmTopic() throws IOException {
        Map<String, Object> variables = map(map(map(map(template.get("Globals")).get("Function")).get("Environment")).get("Variables"));
        assertEquals(Map.of("Ref", "MetricsNamespace"), variables.get("METRICS_NAMESPACE"));
        // The stack scopes the figures: dev's traffic never reaches prod's alarms in one account.
        assertEquals(Map.of("Ref", "AWS::StackName"), variables.get("METRICS_STACK"));
        assertEquals("Chartfeed", map(map(template.get("Parameters")).get("MetricsNamespace")).get("Default"));

        Set<String> metricNames = new TreeSet<>();
        Set<String> queues = new TreeSet<>();
        Set<String> throttled = new TreeSet<>();
        Set<String> failing = new TreeSet<>();
        Set<String> slow = new TreeSet<>();
        List<String> alarms = resourcesOfType("AWS::CloudWatch::Alarm");
        for (String alarm : alarms) {
            Map<String, Object> properties = properties(alarm);
            for (String actions : List.of("AlarmActions", "OKActions")) {
                List<Object> branches = list(map(properties.get(actions)).get("Fn::If"));
                assertEquals(3, branches.size(), alarm + " " + actions + " should be !If [<topic set>, [topic], NoValue]");
                Object condition = map(map(template.get("Conditions")).get(String.valueOf(branches.get(0)))).get("Fn::Not");
                assertEquals(List.of(Map.of("Fn::Equals", List.of(Map.of("Ref", "AlarmTopicArn"), ""))), condition,
                        alarm + ": its condition should be AlarmTopicArn not empty");
                assertEquals(List.of(Map.of("Ref", "AlarmTopicArn")), branches.get(1), alarm);
                assertEquals(Map.of("Ref", "AWS::NoValue"), branches.get(2), alarm);
            }
            List<Map<String, Object>> metrics = new ArrayList<>();
            if (properties.containsKey("MetricName")) {
                metrics.add(properties);
            }
            list(properties.get("Metrics")).forEach(m -> {
                Map<String, Object> stat = map(map(m).get("MetricStat"));
                if (!stat.isEmpty()) {
                    metrics.add(map(stat.get("Metric")));
                }
            });
            assertFalse(metrics.isEmpty(), alarm + " reads no metric");
            for (Map<String, Object> metric : metrics) {
                String name = (String) metric.get("MetricName");
                metricNames.add(name);
                List<Object> dimensions = list(metric.get("Dimensions"));
                if (Map.of("Ref", "MetricsNamespace").equals(metric.get("Namespace"))) {
                    assertTrue(METRICS.contains(name), alarm + ": " + name + " is not a metric the functions write");
                    assertEquals(2, dimensions.size(), alarm + " " + name + ": the functions' records have two dimensions");
                    assertEquals(Map.of("Name", InvocationMetrics.STACK, "Value", Map.of("Ref", "AWS::StackName")),
                            dimensions.get(0), alarm + " " + name + ": this stack's figures only");
                    assertEquals(InvocationMetrics.FUNCTION, map(dimensions.get(1)).get("Name"));
                    assertTrue(METRIC_FUNCTIONS.contains(String.valueOf(map(dimensions.get(1)).get("Value"))), alarm + " " + name);
                }
                for (Object dimension : dimensions) {
                    Object value = map(dimension).get("Value");
                    if ("QueueName".equals(map(dimension).get("Name"))) {
                        queues.add(refTarget(value));
                    } else if ("FunctionName".equals(map(dimension).get("Name")) && "Throttles".equals(name)) {
                        throttled.add(refTarget(value));
                    } else if ("FunctionName".equals(map(dimension).get("Name")) && "Errors".equals(name)) {
                        failing.add(refTarget(value));
                    } else if ("FunctionName".equals(map(dimension).get("Name")) && "Duration".equals(name)) {
                        slow.add(refTarget(value));
                    }
                }
            }
        }
        assertTrue(metricNames.containsAll(List.of("5xx", "CacheHitL1", "CacheHitL2", "CacheMiss", "CacheStale",
                "DatabaseBreakerOpen", "RedisBreakerOpen", "ApproximateNumberOfMessagesVisible", "ApproximateAgeOfOldestMessage",
                "Throttles", "Errors", "Duration", "IngestionRecordsFailed", "DatabaseConnections", "ACUUtilization",
                "DatabaseMemoryUsagePercentage", "Evictions", "EngineCPUUtilization")), metricNames.toString());
        assertEquals(functions().keySet(), throttled, "throttles of every function");
        assertEquals(functions().keySet(), failing, "errors (init and restore failures too) of every function");
        assertEquals(functions().keySet(), slow, "the latency of every function");
        assertEquals(deadLetterQueues(), queues.stream().filter(q -> !q.equals("InvalidationQueue"))
                .collect(Collectors.toCollection(TreeSet::new)), "every dead-letter queue has an alarm");
        assertTrue(queues.contains("InvalidationQueue"), "the ingestion queue's age has an alarm");

        String dashboard = single(resourcesOfType("AWS::CloudWatch::Dashboard"));
        String body = sub(properties(dashboard).get("DashboardBody"));
        alarms.forEach(alarm -> assertTrue(body.contains("${" + alarm + ".Arn}"), "the dashboard shows " + alarm));
        Map<String, Object> widgets = JsonMapper.createDefault().readValue(body.replaceAll("\"\\$\\{[^}]+}\"", "\"x\"").replaceAll("\\$\\{[^}]+}", "0")
                .getBytes(StandardCharsets.UTF_8), Argument.mapOf(String.class, Object.class));
        assertTrue(list(widgets.get("widgets")).size() > alarms.size() / 2, "dashboard widgets");
        Matcher custom = Pattern.compile("\\[\"\\$\\{MetricsNamespace}\", \"([A-Za-z0-9]+)\", \"([A-Za-z]+)\", \"([^\"]+)\", \"([A-Za-z]+)\", \"([a-z-]+)\"").matcher(body);
        int found = 0;
        while (custom.find()) {
            found++;
            assertTrue(METRICS.contains(custom.group(1)), "dashboard: " + custom.group(1));
            assertEquals(List.of("Stack", "${AWS::StackName}", "Function"), List.of(custom.group(2), custom.group(3), custom.group(4)),
                    "dashboard: " + custom.group());
            assertTrue(METRIC_FUNCTIONS.contains(custom.group(5)), "dashboard: " + custom.group(5));
        }
        assertTrue(found > 0, "the dashboard shows the functions' own metrics");
        assertEquals(found, countOf(body, "\"${MetricsNamespace}\""), "every custom metric of the dashboard is this stack's");
    }

    /**
     * Latency per function, each against a threshold fit for it: the batch's 5 s deadline
     * (application.yml) is not the indicator's 1 s; the busy functions' p99 and the API's 5xx rate
     * are judged only above a minimum volume.
     */
    @Test
    void latencyIsJudgedPerFunctionAndRatesOnlyAboveAMinimumVolume() throws IOException {
        Map<String, Object> parameters = map(template.get("Parameters"));
        Map<String, String> thresholdByFunction = new TreeMap<>();
        for (String alarm : resourcesOfType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> properties = properties(alarm);
            List<Map<String, Object>> durations = new ArrayList<>();
            if ("Duration".equals(properties.get("MetricName"))) {
                durations.add(properties);
            }
            list(properties.get("Metrics")).forEach(m -> {
                Map<String, Object> metric = map(map(map(m).get("MetricStat")).get("Metric"));
                if ("Duration".equals(metric.get("MetricName"))) {
                    durations.add(metric);
                    Object expression = list(properties.get("Metrics")).stream().map(e -> map(e).get("Expression"))
                            .filter(Objects::nonNull).findFirst().orElseThrow();
                    assertTrue(sub(expression).matches("IF\\(invocations >= \\$\\{LatencyMinInvocations}, duration, 0\\)"),
                            alarm + ": " + sub(expression));
                }
            });
            for (Map<String, Object> duration : durations) {
                String function = refTarget(map(list(duration.get("Dimensions")).get(0)).get("Value"));
                assertNull(thresholdByFunction.put(function, refTarget(properties.get("Threshold"))), function + ": one latency alarm");
            }
        }
        assertEquals(functions().keySet(), thresholdByFunction.keySet());
        assertEquals(thresholdByFunction.size(), new TreeSet<>(thresholdByFunction.values()).size(),
                "each function its own threshold: " + thresholdByFunction);
        Map<String, Object> yml = new Yaml().load(Files.readString(root.resolve("shared/src/main/resources/application.yml")));
        long deadlineMs = java.time.Duration.parse("PT" + map(yml.get("batch")).get("deadline")).toMillis();
        String batch = functions().entrySet().stream().filter(f -> handlerClass(f.getValue()).endsWith(".BatchFunction"))
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        long batchThreshold = ((Number) map(parameters.get(thresholdByFunction.get(batch))).get("Default")).longValue();
        long indicatorThreshold = ((Number) map(parameters.get(thresholdByFunction.get("IndicatorFunction"))).get("Default")).longValue();
        assertTrue(batchThreshold >= deadlineMs, "the batch runs up to its " + deadlineMs + " ms deadline by design");
        assertTrue(indicatorThreshold < deadlineMs, "an indicator request has no such deadline");

        Map<String, Object> errorRate = properties("Api5xxRateAlarm");
        String expression = list(errorRate.get("Metrics")).stream().map(e -> map(e).get("Expression")).filter(Objects::nonNull)
                .map(TemplateTest::sub).findFirst().orElseThrow();
        assertEquals("IF(requests >= ${Api5xxMinRequests}, 100 * errors / requests, 0)", expression);
        assertTrue(((Number) map(parameters.get("Api5xxMinRequests")).get("Default")).intValue() >= 10);
    }

    /**
     * Connections are capped: every function has a reserved concurrency, and with the defaults the
     * sum of reserved concurrency x pool size stays below DatabaseMaxConnections (the smallest
     * max_connections Aurora gives, 189) with a tenth left for sessions of people and deploys. The
     * invalidation function reserves more than its SQS poller may use, so SQS batches are not
     * throttled back into the queue.
     */
    @Test
    void databaseConnectionsAreCappedBelowMaxConnections() throws IOException {
        Map<String, Object> parameters = map(template.get("Parameters"));
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        Map<String, Object> globalVariables = map(map(globals.get("Environment")).get("Variables"));
        long connections = 0;
        for (Map.Entry<String, Map<String, Object>> function : functions().entrySet()) {
            Map<String, Object> variables = new LinkedHashMap<>(globalVariables);
            variables.putAll(map(map(function.getValue().get("Environment")).get("Variables")));
            String pool = refTarget(variables.get("DATASOURCES_DEFAULT_MAXIMUM_POOL_SIZE"));
            String reserved = refTarget(function.getValue().get("ReservedConcurrentExecutions"));
            connections += defaultOf(parameters, reserved) * defaultOf(parameters, pool);
        }
        long max = defaultOf(parameters, "DatabaseMaxConnections");
        assertTrue(connections <= max * 9 / 10, connections + " connections at most, against max_connections " + max);

        Map<String, Object> yml = new Yaml().load(Files.readString(root.resolve("shared/src/main/resources/application.yml")));
        assertEquals(((Number) map(yml.get("batch")).get("max-items")).longValue(), defaultOf(parameters, "BatchPoolSize"),
                "a batch's misses read in parallel, one connection each");

        Map<String, Object> invalidation = functionByHandler(INVALIDATION_HANDLER);
        long pollers = map(invalidation.get("Events")).values().stream().map(e -> map(map(e).get("Properties")).get("ScalingConfig"))
                .filter(Objects::nonNull).mapToLong(c -> ((Number) map(c).get("MaximumConcurrency")).longValue()).max().orElseThrow();
        assertTrue(defaultOf(parameters, refTarget(invalidation.get("ReservedConcurrentExecutions"))) > pollers);
        assertTrue(((Number) map(parameters.get(refTarget(invalidation.get("ReservedConcurrentExecutions")))).get("MinValue")).longValue() > pollers);
    }

    /**
     * A changed secret reaches everything that holds it once CredentialsRevision changes: the
     * Aurora cluster and the Redis group (a tag changes, so CloudFormation updates them and re-reads
     * their secrets), and every function (its environment changes, and its VersionDescription,
     * which names every parameter in its environment, so a new version is published: SAM's own
     * version hash sees neither a parameter's value nor a secret's).
     */
    @Test
    void aNewCredentialsRevisionReachesTheDatabaseRedisAndEveryPublishedVersion() {
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        assertEquals(Boolean.TRUE, globals.get("AutoPublishAliasAllProperties"));
        Map<String, Object> globalVariables = map(map(globals.get("Environment")).get("Variables"));
        assertEquals(Map.of("Ref", "CredentialsRevision"), globalVariables.get("CREDENTIALS_REVISION"));
        Set<String> parameters = map(template.get("Parameters")).keySet();
        functions().forEach((id, properties) -> {
            String description = sub(properties.get("VersionDescription"));
            Map<String, Object> variables = new LinkedHashMap<>(globalVariables);
            variables.putAll(map(map(properties.get("Environment")).get("Variables")));
            variables.forEach((name, value) -> {
                if (value instanceof Map<?, ?> ref && ref.containsKey("Ref") && parameters.contains(String.valueOf(ref.get("Ref")))) {
                    assertTrue(description.contains("${" + ref.get("Ref") + "}"),
                            id + ": VersionDescription should name " + ref.get("Ref") + " (" + name + "), is " + description);
                }
            });
            assertTrue(description.length() < 256 - 64, "a version's description is at most 256 characters: " + description);
        });
        // Every other resource reading a secret re-reads it when the revision changes.
        map(template.get("Resources")).forEach((id, resource) -> {
            String type = String.valueOf(map(resource).get("Type"));
            List<String> strings = new ArrayList<>();
            walkStrings(map(resource).get("Properties"), strings);
            boolean readsSecret = strings.stream().anyMatch(text -> text.contains("{{resolve:secretsmanager:"));
            if (readsSecret && !type.equals(SERVERLESS_FUNCTION)) {
                assertTrue(list(properties(id).get("Tags")).contains(Map.of("Key", "credentials-revision",
                        "Value", Map.of("Ref", "CredentialsRevision"))), id + " reads a secret but has no credentials-revision tag");
            }
        });
    }

    /**
     * Operators' levers on logs and traces: the log level from a parameter (one of Logback's
     * levels), X-Ray tracing on every function, and API Gateway's request id under the name the
     * functions' log lines give it.
     */
    @Test
    void logLevelTracingAndRequestIdsAreSetFromTheStack() throws IOException {
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        assertEquals("Active", globals.get("Tracing"));
        functions().forEach((id, properties) -> assertFalse(properties.containsKey("Tracing"), id));
        Map<String, Object> variables = map(map(globals.get("Environment")).get("Variables"));
        assertEquals(Map.of("Ref", "LogLevel"), variables.get("LOG_LEVEL"));
        Map<String, Object> level = map(map(template.get("Parameters")).get("LogLevel"));
        assertEquals("INFO", level.get("Default"));
        for (Object value : list(level.get("AllowedValues"))) {
            assertEquals(String.valueOf(value), String.valueOf(ch.qos.logback.classic.Level.toLevel(String.valueOf(value), null)),
                    value + " is not a Logback level");
        }

        String format = String.valueOf(map(map(properties(single(resourcesOfType("AWS::Serverless::HttpApi")))
                .get("AccessLogSettings"))).get("Format"));
        Map<String, Object> accessLog = JsonMapper.createDefault().readValue(format.getBytes(StandardCharsets.UTF_8),
                Argument.mapOf(String.class, Object.class));
        assertEquals("$context.requestId", accessLog.get(RequestLog.API_REQUEST_ID), "one name for API Gateway's request id");
        assertFalse(accessLog.containsKey("requestId"), format);
    }

    /** The operators' scripts (smoke test, loading candles) find the stack's API and token by output names it has. */
    @Test
    void theOperatorScriptsReadOutputsTheStackHas() throws IOException {
        Set<String> outputs = map(template.get("Outputs")).keySet();
        Pattern read = Pattern.compile("OutputKey=='([A-Za-z0-9]+)'|stack_output ([A-Za-z0-9]+)");
        Set<String> used = new TreeSet<>();
        for (String script : List.of("infra/smoke-test.sh", "infra/load-candles.sh")) {
            Path file = root.resolve(script);
            assertTrue(Files.isExecutable(file), script + " should be executable");
            Matcher output = read.matcher(Files.readString(file));
            while (output.find()) {
                used.add(output.group(1) != null ? output.group(1) : output.group(2));
            }
        }
        assertEquals(Set.of("ApiUrl", "AdminTokenSecretArn"), used);
        assertTrue(outputs.containsAll(used), "outputs " + outputs + " should include " + used);
    }

    private static long defaultOf(Map<String, Object> parameters, String name) {
        Object value = map(parameters.get(name)).get("Default");
        assertNotNull(value, name + " has no default");
        return ((Number) value).longValue();
    }

    private static int countOf(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    /** Every string anywhere in a value (Sub texts, If branches, lists). */
    private static void walkStrings(Object value, List<String> into) {
        if (value instanceof String text) {
            into.add(text);
        } else if (value instanceof Map<?, ?> m) {
            m.values().forEach(v -> walkStrings(v, into));
        } else if (value instanceof List<?> l) {
            l.forEach(v -> walkStrings(v, into));
        }
    }

    /** The queues where failed ingestion events end: the queue's redrive target and the async failures'. */
    private static Set<String> deadLetterQueues() {
        Set<String> queues = new TreeSet<>();
        map(template.get("Resources")).forEach((id, resource) -> {
            Object redrive = map(map(map(resource).get("Properties")).get("RedrivePolicy")).get("deadLetterTargetArn");
            if (redrive != null) {
                queues.add(refTarget(redrive));
            }
        });
        Map<String, Object> invalidation = functionByHandler(INVALIDATION_HANDLER);
        queues.add(refTarget(map(map(map(invalidation.get("EventInvokeConfig")).get("DestinationConfig")).get("OnFailure"))
                .get("Destination")));
        return queues;
    }

    // ---------------------------------------------------------------------------------------------
    // AWS's linter
    // ---------------------------------------------------------------------------------------------

    /** What CloudFormation would reject or warn about, by AWS's own rules: nothing. */
    @Test
    void cfnLintReportsNothing() throws Exception {
        Path cfnLint = Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isEmpty()).map(dir -> Paths.get(dir, "cfn-lint")).filter(Files::isExecutable)
                .findFirst().orElse(null);
        if (cfnLint == null) {
            abort("cfn-lint is not on the PATH (pip install cfn-lint): the template is not linted by AWS's rules");
        }
        Process lint = new ProcessBuilder(cfnLint.toString(), "infra/template.yaml").directory(root.toFile())
                .redirectErrorStream(true).start();
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(lint.waitFor(5, java.util.concurrent.TimeUnit.MINUTES), "cfn-lint did not finish");
        assertEquals("", output.strip(), "cfn-lint infra/template.yaml");
        assertEquals(0, lint.exitValue(), "cfn-lint exit code");
    }

    // ---------------------------------------------------------------------------------------------
    // References
    // ---------------------------------------------------------------------------------------------

    /** What a linter would catch first: a Ref, GetAtt, Sub variable, condition or DependsOn naming nothing. */
    @Test
    void everyReferenceNamesAParameterResourceOrPseudoParameter() {
        Set<String> parameters = map(template.get("Parameters")).keySet();
        Set<String> conditions = map(template.get("Conditions")).keySet();
        Set<String> resources = new TreeSet<>(map(template.get("Resources")).keySet());
        // Resources SAM generates and lets a template reference: <function><event>, <function>Role,
        // <function>Alias<alias>.
        Map<String, Object> globals = map(map(template.get("Globals")).get("Function"));
        functions().forEach((id, properties) -> {
            resources.add(id + "Role");
            resources.add(id + "Alias" + effective(properties, globals, "AutoPublishAlias"));
            map(properties.get("Events")).keySet().forEach(event -> resources.add(id + event));
        });
        List<String> dangling = new ArrayList<>();
        walk(template, (kind, name) -> {
            boolean ok = switch (kind) {
                case "Ref", "Sub" -> parameters.contains(name) || resources.contains(name)
                        || PSEUDO_PARAMETERS.contains(name) || resources.contains(name.split("\\.")[0]);
                case "GetAtt" -> resources.contains(name);
                case "Condition" -> conditions.contains(name);
                default -> false;
            };
            if (!ok) {
                dangling.add(kind + " " + name);
            }
        });
        map(template.get("Resources")).forEach((id, resource) -> {
            list(map(resource).get("DependsOn")).forEach(d -> {
                if (!resources.contains(String.valueOf(d))) {
                    dangling.add("DependsOn " + d + " (" + id + ")");
                }
            });
            Object condition = map(resource).get("Condition");
            if (condition != null && !conditions.contains(String.valueOf(condition))) {
                dangling.add("Condition " + condition + " (" + id + ")");
            }
        });
        assertTrue(dangling.isEmpty(), "references to nothing: " + dangling);
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------

    /** The repository root: the first directory up from here holding samconfig.toml. */
    static Path repositoryRoot() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("samconfig.toml"))) {
                return dir;
            }
        }
        throw new AssertionError("no samconfig.toml above " + Paths.get("").toAbsolutePath());
    }

    /**
     * Routes of the public contract, {@code docs/api.md}: {@code "GET /path"} to whether it is admin
     * only. A route is admin when the heading or list item defining it says so.
     */
    private static Map<String, Boolean> apiRoutes() throws IOException {
        Path apiMd = root.resolve("docs/api.md");
        List<String> blocks = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        for (String line : Files.readAllLines(apiMd, StandardCharsets.UTF_8)) {
            boolean startsBlock = line.isBlank() || line.startsWith("#") || line.startsWith("|")
                    || line.matches("[-*] .*") || line.matches("\\d+\\. .*");
            if (startsBlock && block.length() > 0) {
                blocks.add(block.toString());
                block.setLength(0);
            }
            if (!line.isBlank()) {
                block.append(line.strip()).append(' ');
            }
        }
        blocks.add(block.toString());
        Map<String, Boolean> routes = new TreeMap<>();
        for (String text : blocks) {
            // A route is defined by a heading or list item naming it before its first colon
            // ("- `GET /v1/cache/stats`: ..."); a route mentioned further on is only a reference.
            if (!(text.startsWith("#") || text.startsWith("- ") || text.startsWith("* "))) {
                continue;
            }
            boolean admin = text.toLowerCase().contains("admin only");
            Matcher route = ROUTE.matcher(definingPart(text));
            while (route.find()) {
                routes.merge(route.group(1) + " " + route.group(2), admin, Boolean::logicalOr);
            }
        }
        assertFalse(routes.isEmpty(), "no routes found in " + apiMd);
        assertTrue(routes.containsValue(true), "no admin-only route found in " + apiMd);
        return routes;
    }

    /** The text before the first colon outside a code span. */
    private static String definingPart(String text) {
        boolean code = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '`') {
                code = !code;
            } else if (c == ':' && !code) {
                return text.substring(0, i);
            }
        }
        return text;
    }

    private static void assertHttpEvent(Path file, Map<String, Object> event, Map<String, Boolean> routes) {
        String name = file.getFileName().toString();
        String routeKey = (String) event.get("routeKey");
        assertEquals("2.0", event.get("version"), name);
        assertTrue(routes.containsKey(routeKey), name + ": " + routeKey + " is not a route of docs/api.md or the chart page");
        Map<String, Object> context = map(event.get("requestContext"));
        Map<String, Object> http = map(context.get("http"));
        assertEquals(routeKey, context.get("routeKey"), name);
        String method = routeKey.substring(0, routeKey.indexOf(' '));
        String template = routeKey.substring(routeKey.indexOf(' ') + 1);
        assertEquals(method, http.get("method"), name);
        String rawPath = (String) event.get("rawPath");
        assertEquals(rawPath, http.get("path"), name);

        List<String> names = new ArrayList<>();
        Matcher placeholder = Pattern.compile("\\{([^}]+)}").matcher(template);
        StringBuilder regex = new StringBuilder();
        int at = 0;
        while (placeholder.find()) {
            // {name+} (greedy) matches the rest of the path and arrives as "name", as API Gateway sends it.
            boolean greedy = placeholder.group(1).endsWith("+");
            regex.append(Pattern.quote(template.substring(at, placeholder.start()))).append(greedy ? "(.+)" : "([^/]+)");
            names.add(greedy ? placeholder.group(1).substring(0, placeholder.group(1).length() - 1) : placeholder.group(1));
            at = placeholder.end();
        }
        regex.append(Pattern.quote(template.substring(at)));
        Matcher path = Pattern.compile(regex.toString()).matcher(rawPath);
        assertTrue(path.matches(), name + ": rawPath " + rawPath + " does not match " + template);
        Map<String, Object> expectedParameters = new TreeMap<>();
        for (int i = 0; i < names.size(); i++) {
            expectedParameters.put(names.get(i), path.group(i + 1));
        }
        Map<String, Object> pathParameters = event.get("pathParameters") == null ? Map.of() : map(event.get("pathParameters"));
        assertEquals(expectedParameters, new TreeMap<>(pathParameters), name + " pathParameters");

        Map<String, Object> query = new TreeMap<>();
        String rawQuery = (String) event.get("rawQueryString");
        assertNotNull(rawQuery, name + " rawQueryString");
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                query.merge(URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                        eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8),
                        (a, b) -> a + "," + b);
            }
        }
        Map<String, Object> queryParameters = event.get("queryStringParameters") == null ? Map.of()
                : map(event.get("queryStringParameters"));
        assertEquals(query, new TreeMap<>(queryParameters), name + " queryStringParameters");

        Map<String, Object> headers = map(event.get("headers"));
        headers.keySet().forEach(h -> assertEquals(h.toLowerCase(), h, name + ": HTTP API lower-cases header names"));
        if (routes.get(routeKey)) {
            assertTrue(String.valueOf(headers.get("authorization")).startsWith("Bearer "), name + " needs the admin token");
        }
        if (event.get("body") != null) {
            assertNotNull(headers.get("content-type"), name + " has a body but no content-type");
        }
    }

    private static void assertLambdaHandler(Class<?> type) throws NoSuchMethodException {
        assertTrue(RequestHandler.class.isAssignableFrom(type) || RequestStreamHandler.class.isAssignableFrom(type),
                type + " is not a Lambda RequestHandler or RequestStreamHandler");
        assertTrue(Modifier.isPublic(type.getModifiers()) && !Modifier.isAbstract(type.getModifiers()),
                type + " must be a public concrete class");
        assertTrue(Modifier.isPublic(type.getConstructor().getModifiers()), type + " needs a public no-arg constructor");
    }

    private static void assertOnlyIngress(List<Object> securityGroups, int port, String from) {
        assertEquals(1, securityGroups.size(), "one security group, got " + securityGroups);
        List<Object> ingress = list(properties(refTarget(securityGroups.get(0))).get("SecurityGroupIngress"));
        assertEquals(1, ingress.size(), "one ingress rule: " + ingress);
        Map<String, Object> rule = map(ingress.get(0));
        assertEquals(port, rule.get("FromPort"));
        assertEquals(port, rule.get("ToPort"));
        assertEquals(from, refTarget(rule.get("SourceSecurityGroupId")));
        assertFalse(rule.containsKey("CidrIp"));
    }

    private static Map<String, Map<String, Object>> functions() {
        Map<String, Map<String, Object>> functions = new TreeMap<>();
        for (String id : resourcesOfType(SERVERLESS_FUNCTION)) {
            functions.put(id, properties(id));
        }
        assertFalse(functions.isEmpty(), "no " + SERVERLESS_FUNCTION);
        return functions;
    }

    private static Map<String, Object> functionByHandler(String handler) {
        return functions().values().stream().filter(p -> handler.equals(handlerClass(p))).findFirst()
                .orElseThrow(() -> new AssertionError("no function with handler " + handler));
    }

    private static String handlerClass(Map<String, Object> properties) {
        Object handler = properties.get("Handler");
        assertInstanceOf(String.class, handler, "Handler");
        return ((String) handler).split("::")[0];
    }

    private static List<Map<String, Object>> httpApiEvents(Map<String, Object> properties) {
        List<Map<String, Object>> events = new ArrayList<>();
        map(properties.get("Events")).values().forEach(e -> {
            if ("HttpApi".equals(map(e).get("Type"))) {
                events.add(map(map(e).get("Properties")));
            }
        });
        return events;
    }

    /** A function property, or the Globals one it inherits. */
    private static Object effective(Map<String, Object> properties, Map<String, Object> globals, String name) {
        Object value = properties.containsKey(name) ? properties.get(name) : globals.get(name);
        assertNotNull(value, name + " is set neither on the function nor in Globals");
        return value;
    }

    private static Map<String, Object> template(String id) {
        return map(map(template.get("Resources")).get(id));
    }

    private static Map<String, Object> properties(String id) {
        Map<String, Object> resource = template(id);
        assertFalse(resource.isEmpty(), "no resource " + id);
        return map(resource.get("Properties"));
    }

    private static String resourceType(String id) {
        return (String) template(id).get("Type");
    }

    private static List<String> resourcesOfType(String type) {
        List<String> ids = new ArrayList<>();
        map(template.get("Resources")).forEach((id, r) -> {
            if (type.equals(map(r).get("Type"))) {
                ids.add(id);
            }
        });
        return ids;
    }

    private static String single(List<String> ids) {
        assertEquals(1, ids.size(), ids.toString());
        return ids.get(0);
    }

    /** The logical ID behind {@code !Ref X} or {@code !GetAtt X.Attr}. */
    private static String refTarget(Object value) {
        Map<String, Object> intrinsic = map(value);
        if (intrinsic.containsKey("Ref")) {
            return (String) intrinsic.get("Ref");
        }
        if (intrinsic.containsKey("Fn::GetAtt")) {
            return String.valueOf(list(intrinsic.get("Fn::GetAtt")).get(0));
        }
        throw new AssertionError("expected !Ref or !GetAtt, got " + value);
    }

    /** The logical ID of the secret a {@code {{resolve:secretsmanager:${Secret}:...}}} value names. */
    private static String secretOf(Object value) {
        Matcher secret = Pattern.compile("\\{\\{resolve:secretsmanager:\\$\\{([A-Za-z0-9]+)}").matcher(sub(value));
        assertTrue(secret.find(), "not a Secrets Manager dynamic reference: " + value);
        return secret.group(1);
    }

    /** Every string in a value: the text of a !Sub, the branches of an !If. */
    private static void collectStrings(Object value, List<String> into) {
        if (value instanceof String s) {
            into.add(s);
        } else if (value instanceof Map<?, ?> m && m.containsKey("Fn::Sub")) {
            into.add(sub(value));
        } else if (value instanceof Map<?, ?> m && m.containsKey("Fn::If")) {
            list(m.get("Fn::If")).subList(1, 3).forEach(branch -> collectStrings(branch, into));
        } else {
            into.add(String.valueOf(value));
        }
    }

    /** The string of a {@code !Sub}, or a plain string. */
    private static String sub(Object value) {
        if (value instanceof String s) {
            return s;
        }
        Object sub = map(value).get("Fn::Sub");
        return sub instanceof List<?> l ? (String) l.get(0) : (String) sub;
    }

    /** Calls {@code visit(kind, name)} for every Ref, GetAtt (logical ID), Sub variable and Fn::If condition. */
    private static void walk(Object node, java.util.function.BiConsumer<String, String> visit) {
        if (node instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.containsKey("Ref")) {
                visit.accept("Ref", String.valueOf(m.get("Ref")));
                return;
            }
            if (m.size() == 1 && m.containsKey("Fn::GetAtt")) {
                Object target = m.get("Fn::GetAtt");
                visit.accept("GetAtt", String.valueOf(target instanceof List<?> l ? l.get(0) : target).split("\\.")[0]);
                return;
            }
            if (m.size() == 1 && m.containsKey("Fn::Sub")) {
                Object sub = m.get("Fn::Sub");
                String text = String.valueOf(sub instanceof List<?> l ? l.get(0) : sub);
                Set<String> local = sub instanceof List<?> l && l.size() > 1 ? map(l.get(1)).keySet() : Set.of();
                Matcher variable = SUB_VARIABLE.matcher(text);
                while (variable.find()) {
                    if (!local.contains(variable.group(1))) {
                        visit.accept("Sub", variable.group(1));
                    }
                }
                if (sub instanceof List<?> l && l.size() > 1) {
                    walk(l.get(1), visit);
                }
                return;
            }
            if (m.size() == 1 && m.containsKey("Fn::If")) {
                List<Object> branches = list(m.get("Fn::If"));
                visit.accept("Condition", String.valueOf(branches.get(0)));
                branches.subList(1, branches.size()).forEach(b -> walk(b, visit));
                return;
            }
            if (m.size() == 1 && m.containsKey("Condition")) { // !Condition inside Conditions
                visit.accept("Condition", String.valueOf(m.get("Condition")));
                return;
            }
            m.forEach((k, v) -> {
                // A resource's Condition (a name) is checked by the caller; an IAM Condition is walked.
                if (!("Condition".equals(k) && v instanceof String)) {
                    walk(v, visit);
                }
            });
        } else if (node instanceof List<?> l) {
            l.forEach(v -> walk(v, visit));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value) {
        return value == null ? List.of() : value instanceof List<?> l ? (List<Object>) l : List.of(value);
    }

    // --- Maven poms ---

    private static Set<String> moduleList() throws Exception {
        Set<String> modules = new LinkedHashSet<>();
        for (Element module : children(child(xml(root.resolve("pom.xml")).getDocumentElement(), "modules"), "module")) {
            modules.add(text(module));
        }
        return modules;
    }

    private static boolean localServerDependsOn(String artifactId) throws Exception {
        Element project = xml(root.resolve("functions/local-server/pom.xml")).getDocumentElement();
        return children(child(project, "dependencies"), "dependency").stream()
                .anyMatch(d -> artifactId.equals(text(child(d, "artifactId"))));
    }

    private static String shadeOutputFile(Document pom, Path file) {
        Element plugins = child(child(pom.getDocumentElement(), "build"), "plugins");
        for (Element plugin : children(plugins, "plugin")) {
            if ("maven-shade-plugin".equals(text(child(plugin, "artifactId")))) {
                var outputs = plugin.getElementsByTagName("outputFile");
                assertEquals(1, outputs.getLength(), "one shade outputFile in " + file);
                return outputs.item(0).getTextContent().strip();
            }
        }
        throw new AssertionError("no maven-shade-plugin in " + file + ": nothing builds the deployable jar");
    }

    private static Document xml(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(file.toFile());
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent != null) {
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && e.getTagName().equals(name)) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    private static String text(Element element) {
        return element == null ? null : element.getTextContent().strip();
    }

    // --- YAML ---

    /**
     * Parses a CloudFormation YAML template: short-form tags ({@code !Ref X}, {@code !GetAtt X.Y},
     * {@code !Sub ...}) become their long form ({@code {Ref: X}}, {@code {Fn::GetAtt: [X, Y]}}), so either
     * form reads the same. Duplicate keys are an error, as they are to CloudFormation.
     */
    static Map<String, Object> loadTemplate(Path file) throws IOException {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object document = new Yaml(new CloudFormationConstructor(options)).load(reader);
            assertInstanceOf(Map.class, document, file + " is not a YAML mapping");
            @SuppressWarnings("unchecked")
            Map<String, Object> map = (Map<String, Object>) document;
            return map;
        }
    }

    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor(LoaderOptions options) {
            super(options);
            // The fallback for tags SafeConstructor does not know: every CloudFormation short form.
            yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(org.yaml.snakeyaml.nodes.Node node) {
                    String tag = node.getTag().getValue();
                    if (!tag.startsWith("!") || tag.startsWith("!!")) {
                        throw new IllegalArgumentException("unexpected tag " + tag + node.getStartMark());
                    }
                    String name = tag.substring(1);
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        value = constructScalar(scalar);
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    if (name.equals("GetAtt") && value instanceof String s) {
                        int dot = s.indexOf('.');
                        value = List.of(s.substring(0, dot), s.substring(dot + 1));
                    }
                    Map<String, Object> intrinsic = new LinkedHashMap<>();
                    intrinsic.put(name.equals("Ref") || name.equals("Condition") ? name : "Fn::" + name, value);
                    return intrinsic;
                }
            });
        }
    }
}
