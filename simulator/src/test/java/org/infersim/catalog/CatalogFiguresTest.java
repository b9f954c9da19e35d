package org.infersim.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.infersim.input.Quantities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A catalog's figures: the one unit grammar, every number with its unit, in the catalog's words. */
class CatalogFiguresTest {

    @ParameterizedTest
    @CsvSource({
        "80GB, 80000000000",
        "141GB, 141000000000",
        "192GB, 192000000000",
        "80GiB, 85899345920",
        "2GiB, 2147483648",
        "512MiB, 536870912",
        "1.5TB, 1500000000000",
        "1TiB, 1099511627776",
        "24 GB, 24000000000",
        "100MB, 100000000",
        "80G, 80000000000",
        "80Gi, 85899345920",
    })
    void sizes(String text, long bytes) {
        assertEquals(bytes, CatalogReader.bytes(text));
    }

    @Test
    void bandwidthsFlopsWattsDurationsPricesAndFactors() {
        assertEquals(3.35e12, CatalogReader.bandwidth("3.35TB/s"), 1);
        assertEquals(900e9, CatalogReader.bandwidth("900GB/s"), 1);
        assertEquals(2.039e12, CatalogReader.bandwidth("2.039TB/s"), 1);
        assertEquals(989e12, CatalogReader.flops("989TFLOPS"), 1);
        assertEquals(1.979e15, CatalogReader.flops("1.979PFLOPS"), 1);
        assertEquals(121e12, CatalogReader.flops("121TF"), 1);
        assertEquals(0, CatalogReader.flops("0"));
        assertEquals(700, CatalogReader.watts("700W"));
        assertEquals(1000, CatalogReader.watts("1kW"));
        assertEquals(1_500_000, CatalogReader.durationNs("1.5ms"));
        assertEquals(10_000, CatalogReader.durationNs("10us"));
        assertEquals(10_000, CatalogReader.durationNs("10µs"));
        assertEquals(250, CatalogReader.durationNs("250ns"));
        assertEquals(0, CatalogReader.durationNs("0"));
        assertEquals(6.88, CatalogReader.pricePerHour("$6.88/h"), 1e-12);
        assertEquals(0.75, CatalogReader.factor("0.75"), 1e-12);
        assertEquals(0.75, CatalogReader.factor("75%"), 1e-12);
        assertEquals(8_030_000_000L, CatalogReader.count("8.03e9", "x"));
        assertEquals(8_030_000_000L, CatalogReader.count("8_030_000_000", "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", "80K", "80gb", "eighty GB", "-1GB", "", "0"})
    void badSizesSayWhatWasExpected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CatalogReader.bytes(text));
        assertTrue(e.getMessage().startsWith(CatalogReader.BYTES_HINT), e.getMessage());
    }

    @Test
    void aBareNumberIsAskedForItsUnit() {
        assertEquals(Quantities.FLOPS_HINT + ", got the bare number '10' (write its unit)",
                assertThrows(IllegalArgumentException.class, () -> CatalogReader.flops("10")).getMessage());
        assertEquals(CatalogReader.BYTES_HINT + ", got '80XB'",
                assertThrows(IllegalArgumentException.class, () -> CatalogReader.bytes("80XB")).getMessage());
    }

    @Test
    void otherBadUnitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CatalogReader.bandwidth("3.35TB"));
        assertThrows(IllegalArgumentException.class, () -> CatalogReader.flops("989"));
        assertThrows(IllegalArgumentException.class, () -> CatalogReader.watts("0.7kWh"));
        assertThrows(IllegalArgumentException.class, () -> CatalogReader.durationNs("10"));
        assertThrows(IllegalArgumentException.class, () -> CatalogReader.pricePerHour("6.88"));
        assertThrows(IllegalArgumentException.class, () -> CatalogReader.factor("high"));
        assertThrows(IllegalArgumentException.class, () -> CatalogReader.factor("-5%"));
        assertEquals("x, got '8.035e2' (not a whole number)",
                assertThrows(IllegalArgumentException.class, () -> CatalogReader.count("8.035e2", "x")).getMessage());
    }
}
