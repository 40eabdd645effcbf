package io.torghut.ta.job.operators;

import static org.assertj.core.api.Assertions.assertThat;

import io.torghut.ta.job.model.TradeEvent;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;

/** Tests for {@link SymbolKey}. */
class SymbolKeyTest {

    private static TradeEvent trade(String symbol) {
        TradeEvent t = new TradeEvent();
        t.symbol = symbol;
        return t;
    }

    @Test
    void equalSymbolsGetTheInstanceSeenFirst() throws Exception {
        SymbolKey<TradeEvent> key = SymbolKey.of(t -> t.symbol);
        String first = key.getKey(trade(new String("NVDA")));
        String again = key.getKey(trade(new String("NVDA")));
        assertThat(again).isSameAs(first).isEqualTo("NVDA");
        assertThat(key.getKey(trade("AAPL"))).isEqualTo("AAPL");
        assertThat(key.getKey(trade(null))).isNull();
    }

    @Test
    void collidingSymbolsStayTheirOwnValue() throws Exception {
        SymbolKey<TradeEvent> key = SymbolKey.of(t -> t.symbol);
        // "Aa" and "BB" have the same hashCode, so they share a slot.
        for (int i = 0; i < 3; i++) {
            assertThat(key.getKey(trade(new String("Aa")))).isEqualTo("Aa");
            assertThat(key.getKey(trade(new String("BB")))).isEqualTo("BB");
        }
        for (int i = 0; i < 20_000; i++) {
            String s = "S" + i;
            assertThat(key.getKey(trade(s))).isEqualTo(s);
        }
    }

    @Test
    void survivesSerializationAsFlinkShipsIt() throws Exception {
        SymbolKey<TradeEvent> key = SymbolKey.of(t -> t.symbol);
        key.getKey(trade("NVDA"));
        SymbolKey<TradeEvent> copy = InstantiationUtil.clone(key, getClass().getClassLoader());
        assertThat(copy.getKey(trade(new String("NVDA")))).isEqualTo("NVDA");
    }
}
