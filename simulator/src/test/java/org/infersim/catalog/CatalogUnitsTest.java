package org.infersim.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CatalogUnitsTest {

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
    })
    void sizes(String text, long bytes) {
        assertEquals(bytes, CatalogUnits.bytes(text));
    }

    @Test
    void bandwidthsFlopsWattsDurationsPricesAndFactors() {
        assertEquals(3.35e12, CatalogUnits.bandwidth("3.35TB/s"), 1);
        assertEquals(900e9, CatalogUnits.bandwidth("900GB/s"), 1);
        assertEquals(2.039e12, CatalogUnits.bandwidth("2.039TB/s"), 1);
        assertEquals(989e12, CatalogUnits.flops("989TFLOPS"), 1);
        assertEquals(1.979e15, CatalogUnits.flops("1.979PFLOPS"), 1);
        assertEquals(121e12, CatalogUnits.flops("121TF"), 1);
        assertEquals(0, CatalogUnits.flops("0"));
        assertEquals(700, CatalogUnits.watts("700W"));
        assertEquals(1000, CatalogUnits.watts("1kW"));
        assertEquals(1_500_000, CatalogUnits.durationNs("1.5ms"));
        assertEquals(10_000, CatalogUnits.durationNs("10us"));
        assertEquals(10_000, CatalogUnits.durationNs("10µs"));
        assertEquals(250, CatalogUnits.durationNs("250ns"));
        assertEquals(0, CatalogUnits.durationNs("0"));
        assertEquals(6.88, CatalogUnits.pricePerHour("$6.88/h"), 1e-12);
        assertEquals(0.75, CatalogUnits.factor("0.75"), 1e-12);
        assertEquals(0.75, CatalogUnits.factor("75%"), 1e-12);
        assertEquals(8_030_000_000L, CatalogUnits.count("8.03e9", "x"));
        assertEquals(8_030_000_000L, CatalogUnits.count("8_030_000_000", "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"80", "80G", "80gb", "eighty GB", "-1GB", ""})
    void badSizesSayWhatWasExpected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CatalogUnits.bytes(text));
        assertTrue(e.getMessage().startsWith(CatalogUnits.BYTES_HINT), e.getMessage());
    }

    @Test
    void otherBadUnitsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> CatalogUnits.bandwidth("3.35TB"));
        assertThrows(IllegalArgumentException.class, () -> CatalogUnits.flops("989"));
        assertThrows(IllegalArgumentException.class, () -> CatalogUnits.watts("0.7kWh"));
        assertThrows(IllegalArgumentException.class, () -> CatalogUnits.durationNs("10"));
        assertThrows(IllegalArgumentException.class, () -> CatalogUnits.pricePerHour("6.88"));
        assertThrows(IllegalArgumentException.class, () -> CatalogUnits.factor("high"));
        assertThrows(IllegalArgumentException.class, () -> CatalogUnits.count("8.035e2", "x"));
    }
}
