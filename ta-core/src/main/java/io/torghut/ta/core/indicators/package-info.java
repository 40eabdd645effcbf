/**
 * Incremental indicators over primitive doubles: one small final class each, O(1) per update,
 * plain-field state. The warm-up and non-finite input rules are stated once on {@link
 * io.torghut.ta.core.indicators.Indicator} and hold for every class here.
 */
package io.torghut.ta.core.indicators;
