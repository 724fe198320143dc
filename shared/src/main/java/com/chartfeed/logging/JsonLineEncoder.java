package com.chartfeed.logging;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.encoder.JsonEscapeUtil;
import org.slf4j.event.KeyValuePair;

import java.util.List;
import java.util.Map;

/**
 * Logback's own {@link JsonEncoder}, one JSON object per line, shaped for CloudWatch Logs Insights:
 * the request ids and function (MDC) and an event's key-value pairs (the access log's route,
 * status, duration, X-Cache) are top-level fields, numbers stay numbers, {@code traceId} is the
 * X-Ray trace id of the invocation being handled ({@link XRayTrace}; absent outside a traced
 * invocation), and {@code message} is the formatted message. Logback's own fields stay:
 * {@code timestamp} (epoch ms), {@code level}, {@code threadName}, {@code loggerName},
 * {@code throwable}.
 *
 * <p>The trace id is read as each line is written, not kept in the MDC: a line from any thread
 * during the invocation (a background refresh, the Redis client) then carries it too, and a
 * Lambda container runs one invocation at a time.
 */
public final class JsonLineEncoder extends JsonEncoder {

    public JsonLineEncoder() {
        setWithSequenceNumber(false);
        setWithNanoseconds(false);
        setWithContext(false);
        setWithMarkers(false);
        setWithArguments(false);
        setWithMessage(false);
        setWithFormattedMessage(false);
    }

    @Override
    protected void appendMDC(StringBuilder sb, ILoggingEvent event) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            mdc.forEach((key, value) -> member(sb, key, value));
        }
    }

    @Override
    protected void appendKeyValuePairs(StringBuilder sb, ILoggingEvent event) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (KeyValuePair pair : pairs) {
                member(sb, pair.key, pair.value);
            }
        }
    }

    /** Only when there is one: {@code "throwable":null} on every line would be noise. */
    @Override
    protected void appendThrowableProxy(StringBuilder sb, String attributeName, IThrowableProxy throwable) {
        if (throwable != null) {
            super.appendThrowableProxy(sb, attributeName, throwable);
        }
    }

    @Override
    protected void appendCustomFields(StringBuilder sb, ILoggingEvent event) {
        String traceId = XRayTrace.currentId();
        if (traceId != null) {
            member(sb, RequestLog.TRACE_ID, traceId);
        }
        member(sb, "message", event.getFormattedMessage());
    }

    private static void member(StringBuilder sb, String key, Object value) {
        sb.append(VALUE_SEPARATOR).append(QUOTE).append(JsonEscapeUtil.jsonEscapeString(key)).append(QUOTE_COL);
        if (value == null) {
            sb.append("null");
        } else if (value instanceof Number || value instanceof Boolean) {
            sb.append(value);
        } else {
            sb.append(QUOTE).append(JsonEscapeUtil.jsonEscapeString(String.valueOf(value))).append(QUOTE);
        }
    }
}
