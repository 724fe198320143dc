package com.chartfeed.ingestion;

import com.chartfeed.api.QueryParser;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;

/**
 * Small reads of a parsed JSON tree for the ingestion parsers: a rejection reason shows what it
 * got without ever copying raw publisher text into a log line or a response.
 */
final class JsonText {
    private static final int MAX_NUMBER_LENGTH = 40;

    private JsonText() {
    }

    /** Absent or JSON {@code null}: both mean "not given". */
    static boolean absent(@Nullable JsonNode value) {
        return value == null || value.isNull();
    }

    /** The string value of {@code node.field}, or {@code null} if it is absent or not a string. */
    static @Nullable String string(@Nullable JsonNode node, String field) {
        JsonNode value = node == null || !node.isObject() ? null : node.get(field);
        return value != null && value.isString() ? value.getStringValue() : null;
    }

    /** What a value is, for a rejection reason: strings quoted and escaped, containers by kind only. */
    static String describe(@Nullable JsonNode value) {
        if (value == null) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isString()) {
            return QueryParser.shown(value.getStringValue());
        }
        if (value.isNumber()) {
            String number = value.getNumberValue().toString();
            return number.length() > MAX_NUMBER_LENGTH ? number.substring(0, MAX_NUMBER_LENGTH) + "..." : number;
        }
        if (value.isBoolean()) {
            return Boolean.toString(value.getBooleanValue());
        }
        return value.isArray() ? "an array" : "an object";
    }
}
