package org.infersim.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({
        "250ns, 250",
        "3us, 3000",
        "3µs, 3000",
        "250ms, 250000000",
        "90s, 90000000000",
        "5m, 300000000000",
        "5min, 300000000000",
        "2h, 7200000000000",
        "1d, 86400000000000",
        "1.5h, 5400000000000",
        "0.25s, 250000000",
        ".5s, 500000000",
        "10 m, 600000000000",
        "0, 0",
        "0.0, 0",
        "1.5ns, 2",
        "1e3s, 1000000000000",
        "1_000ms, 1000000000",
        "0e0, 0",
    })
    void durationsAcceptEveryUnitAndDecimals(String text, long ns) {
        assertEquals(ns, Quantities.parseDurationNs(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"10", "1.5", "10x", "ten minutes", "-5s", "5 hours", "s", "", "1e3", "1_s", "_1s"})
    void durationsWithoutAKnownUnitAreRefusedWithTheExpectedForm(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantities.parseDurationNs(text));
        assertTrue(e.getMessage().contains("expected a duration such as 250ms, 90s, 5m, 2h"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aBareNumberIsCalledAmbiguous() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantities.parseDurationNs("600"));
        assertEquals("600 has no unit; expected a duration such as 250ms, 90s, 5m, 2h", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void aDurationTooLargeForNanosecondsIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Quantities.parseDurationNs("200000d"));
    }

    @ParameterizedTest(name = "{0} = {1}/s")
    @CsvSource({
        "20/s, 20",
        "1200/min, 20",
        "7200/h, 2",
        "0.5/s, 0.5",
        "30 / min, 0.5",
        "0/s, 0",
    })
    void ratesConvertToPerSecond(String text, double perSec) {
        assertEquals(perSec, Quantities.parseRatePerSec(text), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"20", "20/sec", "20 per second", "20/d", "/s", "-1/s"})
    void ratesWithoutAKnownUnitAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantities.parseRatePerSec(text));
        assertTrue(e.getMessage().contains("expected a rate such as 20/s, 1200/min, 50/h"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
        "512B, 512",
        "1kB, 1000",
        "1KB, 1000",
        "1KiB, 1024",
        "140MB, 140000000",
        "1MiB, 1048576",
        "80GB, 80000000000",
        "4GiB, 4294967296",
        "1.5GiB, 1610612736",
        "2TB, 2000000000000",
        "1TiB, 1099511627776",
        "0, 0",
    })
    void sizesUseDecimalAndBinaryPrefixes(String text, long bytes) {
        assertEquals(bytes, Quantities.parseBytes(text));
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
        "15Gi, 16106127360",
        "500Mi, 524288000",
        "4Ki, 4096",
        "2Ti, 2199023255552",
        "1Pi, 1125899906842624",
        "2G, 2000000000",
        "500M, 500000000",
        "4k, 4000",
        "3T, 3000000000000",
        "1.5Gi, 1610612736",
        "15 Gi, 16106127360",
    })
    void kubernetesQuantitiesAreSizesToo(String text, long bytes) {
        assertEquals(bytes, Quantities.parseBytes(text));
    }

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
        "1PB, 1000000000000000",
        "1PiB, 1125899906842624",
        "1_000GB, 1000000000000",
        "8.03e9B, 8030000000",
    })
    void sizesTakeTheCatalogsNumbersAndPetabytes(String text, long bytes) {
        assertEquals(bytes, Quantities.parseBytes(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"4096", "4K", "4g", "4gi", "4GI", "4m", "4Ei", "4E", "4gib", "4 gigabytes", "-1GB", "-4Gi",
            "4Gi/s", "Gi"})
    void sizesWithoutAKnownUnitAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantities.parseBytes(text));
        assertTrue(e.getMessage().contains("expected a size such as 512MiB, 4GiB, 80GB"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} = ${1}/h")
    @CsvSource({
        "$2.99/h, 2.99",
        "2.99/h, 2.99",
        "$2.99/hr, 2.99",
        "$2.99 / hour, 2.99",
        "$2.99, 2.99",
        "2.99, 2.99",
        "$6.88/GPU-h, 6.88",
        "$ 6.88/GPU-hour, 6.88",
        "0, 0",
    })
    void pricesArePerGpuHour(String text, double price) {
        assertEquals(price, Quantities.parsePricePerHour(text), 1e-12);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$2.99/min", "2.99 dollars", "€3/h", "-1"})
    void pricesInOtherFormsAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantities.parsePricePerHour(text));
        assertTrue(e.getMessage().contains("expected a price per GPU-hour such as $2.99/h"), e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void bandwidthsAreTheSizeOfOneSecond() {
        assertEquals(2e9, Quantities.parseBytesPerSec("2GB/s"));
        assertEquals(250 * 1024 * 1024, Quantities.parseBytesPerSec("250MiB/s"));
        assertEquals(3.35e12, Quantities.parseBandwidth("3.35TB/s"), 1);
        assertEquals(900e9, Quantities.parseBandwidth("900 GB / s"), 1);
        assertEquals(2.0 * (1L << 30), Quantities.parseBandwidth("2Gi/s"));
        // a catalog's figure is the number times its unit, as written, not rounded to a byte
        assertEquals(2.039 * 1e12, Quantities.parseBandwidth("2.039TB/s"));
        assertEquals(2.039e12, Quantities.parseBytesPerSec("2.039TB/s"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2GB", "2GB/min", "2 per s", "/s", "-2GB/s"})
    void bandwidthsWithoutPerSecondAreRefused(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantities.parseBandwidth(text));
        assertEquals("expected a bandwidth such as 2GB/s, 250MB/s; got '" + text + "'", e.getMessage());
    }

    @org.junit.jupiter.api.Test
    void flopRatesPowerSharesAndPlainNumbers() {
        assertEquals(989e12, Quantities.parseFlops("989TFLOPS"), 1);
        assertEquals(1.979e15, Quantities.parseFlops("1.979PFLOPS"), 1);
        assertEquals(121e12, Quantities.parseFlops("121TF"), 1);
        assertEquals(0, Quantities.parseFlops("0"));
        assertEquals(700, Quantities.parseWatts("700W"));
        assertEquals(1000, Quantities.parseWatts("1kW"));
        assertEquals(0.75, Quantities.parseShare("0.75"), 1e-12);
        assertEquals(0.75, Quantities.parseShare("75%"), 1e-12);
        assertEquals(-0.05, Quantities.parseShare("-5%"), 1e-12);
        assertEquals(8_030_000_000L, Quantities.parseNumber("8.03e9").longValueExact());
        assertEquals(8_030_000_000L, Quantities.parseNumber("8_030_000_000").longValueExact());
    }

    @org.junit.jupiter.api.Test
    void otherQuantitiesWithoutTheirUnitAreRefused() {
        assertEquals("989 has no unit; expected a dense FLOP rate such as 989TFLOPS or 1.979PFLOPS",
                assertThrows(IllegalArgumentException.class, () -> Quantities.parseFlops("989")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Quantities.parseWatts("0.7kWh"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parseShare("high"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parseNumber("8e"));
        assertThrows(IllegalArgumentException.class, () -> Quantities.parseNumber("-1"));
    }

    @org.junit.jupiter.api.Test
    void durationsFormatShortly() {
        assertEquals("1.5m", Quantities.formatDuration(90_000_000_000L));
        assertEquals("30s", Quantities.formatDuration(30_000_000_000L));
        assertEquals("1.5h", Quantities.formatDuration(5_400_000_000_000L));
        assertEquals("250ms", Quantities.formatDuration(250_000_000L));
        assertEquals("0ns", Quantities.formatDuration(0));
    }
}
