package com.chartfeed.indicators;

import io.micronaut.core.annotation.Nullable;

/**
 * A study's definition choice where charting packages differ (TradingView above all): which seed,
 * smoothing, deviation, anchor or sign convention it takes and what the others take instead. Served
 * as the catalogue entry's {@code notes} and {@code reference}; every claim about our computation is
 * checked by {@code StudyConventionsTest}, those about TradingView follow its Pine Script reference.
 *
 * @param notes     one or two sentences of plain text: the convention and how others differ
 * @param reference who defined the study, where it follows a published definition, or null
 */
public record StudyNote(String notes, @Nullable String reference) {
}
