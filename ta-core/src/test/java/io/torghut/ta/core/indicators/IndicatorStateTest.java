package io.torghut.ta.core.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Tests for {@link IndicatorState}: the paths the contract test cannot reach through the update
 * methods (fallbacks for states the indicators never produce) and the errors on corrupt input. The
 * round trips themselves are in {@link IndicatorContractTest} and {@link TimeBucketsTest}.
 */
class IndicatorStateTest {

    /**
     * Bollinger writes its SMA's and standard deviation's identical windows once; the reader also
     * takes them written separately (the fallback should they ever differ).
     */
    @Test
    void bollingerReadsItsTwoWindowsWrittenSeparately() throws IOException {
        Random r = new Random(5);
        Sma sma = new Sma(20);
        StdDev sigma = new StdDev(20);
        Bollinger fed = new Bollinger(20, 2);
        for (int i = 0; i < 47; i++) {
            double x = 100 + r.nextGaussian();
            sma.update(x);
            sigma.update(x);
            fed.update(x);
        }
        ByteArrayOutputStream separate = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(separate);
        out.writeByte(0);
        IndicatorState.write(sma, out);
        IndicatorState.write(sigma, out);
        Bollinger restored = new Bollinger(20, 2);
        read(restored, separate.toByteArray());

        byte[] shared = bytes(fed);
        assertThat(bytes(restored)).isEqualTo(shared);
        assertThat(shared.length).isLessThan(separate.size() - 150);
        for (int i = 0; i < 30; i++) {
            double x = 100 + r.nextGaussian();
            assertThat(restored.update(x)).isEqualTo(fed.update(x));
        }
    }

    /**
     * A window of closes in cents takes about a byte a close (deltas of a few ticks); a close that
     * is no decimal (here pi) is written raw among them, and everything comes back bit for bit.
     */
    @Test
    void aWindowOfCentClosesIsWrittenAsDecimalDeltasWithRawExceptions() throws IOException {
        Sma cents = new Sma(20);
        Sma mixed = new Sma(20);
        double close = 187.42;
        for (int i = 0; i < 20; i++) {
            close = Math.round((close + (i % 3 - 1) * 0.01) * 100) / 100.0;
            cents.update(close);
            mixed.update(i == 7 ? Math.PI : close);
        }
        // count, next, scale, 20 values of 1 to 3 bytes, sum and compensation.
        assertThat(bytes(cents).length).isLessThan(3 + 3 + 19 + 16 + 2);
        assertThat(bytes(mixed).length).isLessThan(bytes(cents).length + 9 + 3);
        for (Sma sma : new Sma[] {cents, mixed}) {
            Sma restored = new Sma(20);
            read(restored, bytes(sma));
            assertThat(bytes(restored)).isEqualTo(bytes(sma));
            for (double x : new double[] {187.43, 1e-3, 187.44}) {
                assertThat(Double.doubleToRawLongBits(restored.update(x)))
                        .isEqualTo(Double.doubleToRawLongBits(sma.update(x)));
            }
        }
    }

    @Test
    void aCountOutOfRangeIsRefusedNamingTheIndicatorTheValueAndTheRange() {
        assertThatThrownBy(() -> read(new Sma(5), new byte[] {9}))
                .isInstanceOf(IOException.class)
                .hasMessage("corrupt indicator state: SMA(5) count must be in [0, 5], got 9");
        assertThatThrownBy(() -> read(new Rsi(14), new byte[] {16}))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("RSI(14) count must be in [0, 15], got 16");
    }

    @Test
    void aVarintLongerThanTenBytesIsRefused() {
        byte[] endless = new byte[12];
        Arrays.fill(endless, (byte) 0x80);
        assertThatThrownBy(() -> read(new Ema(3), endless))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("varint longer than 10 bytes");
    }

    @Test
    void anIndicatorFromElsewhereHasNoStateFormat() {
        Indicator foreign =
                new Indicator() {
                    @Override
                    public boolean isReady() {
                        return false;
                    }

                    @Override
                    public void reset() {}

                    @Override
                    public Indicator copy() {
                        return this;
                    }
                };
        assertThatThrownBy(() -> IndicatorState.write(foreign, new DataOutputStream(null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no state format for");
    }

    /** An EMA writes its seed sum only while warming up: nothing reads it once ready. */
    @Test
    void aReadyEmaWritesItsValueAloneAndContinuesBitForBit() throws IOException {
        Ema ema = new Ema(3);
        ema.update(1);
        ema.update(2);
        assertThat(bytes(ema)).hasSize(1 + 8);
        ema.update(4);
        Ema restored = new Ema(3);
        read(restored, bytes(ema));
        assertThat(bytes(restored)).hasSize(1 + 8);
        assertThat(Double.doubleToRawLongBits(restored.update(7.25)))
                .isEqualTo(Double.doubleToRawLongBits(ema.update(7.25)));
    }

    private static byte[] bytes(Indicator indicator) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        IndicatorState.write(indicator, new DataOutputStream(bytes));
        return bytes.toByteArray();
    }

    private static void read(Indicator into, byte[] bytes) throws IOException {
        ByteArrayInputStream in = new ByteArrayInputStream(bytes);
        IndicatorState.readInto(into, new DataInputStream(in));
        assertThat(in.available()).isZero();
    }
}
