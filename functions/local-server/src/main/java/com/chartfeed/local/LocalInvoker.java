package com.chartfeed.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.chartfeed.lambda.LocalLambdaContext;
import org.crac.Resource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Invokes one Lambda handler in this JVM on an event file — the JSON {@code sam local invoke -e}
 * takes — the way the Lambda runtime would: the handler's no-arg constructor (so it configures
 * itself from the environment: database, Redis, admin token), the event deserialised by AWS's own
 * serializer, the response printed as JSON. No Docker, no AWS. With {@code INVOKE_PRIMED=true}, the
 * handler's SnapStart hooks run first (priming, disconnecting, reconnecting) and the timings start
 * after them, as a restored snapshot's first request would see it.
 */
public final class LocalInvoker {
    /** Function names (as in infra/template.yaml) and their handler classes. */
    /** The time budget of a local invocation, as a function timeout. */
    static final long BUDGET_MILLIS = 30_000;
    static final Map<String, String> FUNCTIONS = new LinkedHashMap<>();
    @SuppressWarnings("rawtypes")
    private static final Map<Class<?>, PojoSerializer> SERIALIZERS = new ConcurrentHashMap<>();
    /** Each handler class's event type, found by reflection once. */
    private static final Map<Class<?>, Class<?>> EVENT_TYPES = new ConcurrentHashMap<>();

    static {
        FUNCTIONS.put("indicator", "com.chartfeed.functions.indicator.IndicatorFunction");
        FUNCTIONS.put("batch", "com.chartfeed.functions.batch.BatchFunction");
        FUNCTIONS.put("cache-stats", "com.chartfeed.functions.cache.CacheFunction");
        FUNCTIONS.put("candle-invalidation", "com.chartfeed.functions.invalidation.CandleInvalidationFunction");
    }

    private LocalInvoker() {
    }

    /** Prints the handler's response to {@code out}; returns the process exit code. */
    public static int invoke(String function, Path event, PrintStream out) throws Exception {
        String handlerClass = FUNCTIONS.get(function);
        if (handlerClass == null) {
            System.err.println("unknown function " + function + "; one of " + FUNCTIONS.keySet());
            return 2;
        }
        byte[] json = Files.readAllBytes(event);
        // The local server's embedded default, for a handler that finds no DATASOURCES_DEFAULT_URL.
        LocalEnvironment.activate();
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Object handler = Class.forName(handlerClass).getDeclaredConstructor().newInstance();
        long ready = System.currentTimeMillis();
        String primed = "";
        if (Boolean.parseBoolean(System.getenv("INVOKE_PRIMED"))) {
            // What a SnapStart container's first request sees: the hooks run as at publish and
            // restore (without the snapshot itself), then the clock starts again.
            Resource hooks = (Resource) handler.getClass().getMethod("snapStart").invoke(handler);
            hooks.beforeCheckpoint(null);
            hooks.afterRestore(null);
            primed = String.format(", priming and restore hooks %d ms (then the clock restarts)",
                    System.currentTimeMillis() - ready);
            ready = System.currentTimeMillis();
            jvmStart = ready;
        }
        try {
            byte[] response = invoke(handler, json, new LocalLambdaContext(function, BUDGET_MILLIS));
            long answered = System.currentTimeMillis();
            out.println(new String(response, StandardCharsets.UTF_8));
            // Cold start as Lambda would see it, from the JVM's own launch time (not Maven's).
            StringBuilder timings = new StringBuilder(String.format(
                    "cold start of %s: JVM launch to handler ready %d ms, first invocation %d ms, "
                            + "JVM launch to first answer %d ms%s", function, ready - jvmStart, answered - ready,
                    answered - jvmStart, primed));
            for (int i = 1; i < Integer.parseInt(System.getenv().getOrDefault("INVOKE_REPEAT", "1")); i++) {
                long start = System.nanoTime();
                invoke(handler, json, new LocalLambdaContext(function, BUDGET_MILLIS));
                timings.append(String.format(", warm invocation %.1f ms", (System.nanoTime() - start) / 1e6));
            }
            System.err.println(timings);
            return 0;
        } finally {
            if (handler instanceof AutoCloseable closeable) {
                closeable.close();
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static byte[] invoke(Object handler, byte[] event, Context context) throws IOException {
        if (handler instanceof RequestStreamHandler stream) {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            stream.handleRequest(new ByteArrayInputStream(event), output, context);
            return output.toByteArray();
        }
        PojoSerializer in = serializer(EVENT_TYPES.computeIfAbsent(handler.getClass(), LocalInvoker::eventType));
        Object response = ((RequestHandler) handler).handleRequest(in.fromJson(new String(event, StandardCharsets.UTF_8)),
                context);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        serializer(response.getClass()).toJson(response, output);
        return output.toByteArray();
    }

    /**
     * The runtime's serializer for {@code type}, made once per class as the Lambda runtime makes
     * it once per container: making one builds an object mapper.
     */
    @SuppressWarnings("rawtypes")
    private static PojoSerializer serializer(Class<?> type) {
        return SERIALIZERS.computeIfAbsent(type, t -> LambdaEventSerializers.serializerFor(t, LocalInvoker.class.getClassLoader()));
    }

    /** The event class of a {@code RequestHandler}: the most specific {@code handleRequest} parameter. */
    private static Class<?> eventType(Class<?> handlerClass) {
        Class<?> best = Object.class;
        for (Method method : handlerClass.getMethods()) {
            if (method.getName().equals("handleRequest") && method.getParameterCount() == 2
                    && method.getParameterTypes()[1] == Context.class && !method.isBridge()
                    && best.isAssignableFrom(method.getParameterTypes()[0])) {
                best = method.getParameterTypes()[0];
            }
        }
        return best;
    }
}
