package org.infersim.scenario;

import org.infersim.catalog.Catalog;

/** A validated scenario with the catalog it was checked against (built-in plus extra directories). */
public record LoadedScenario(Scenario scenario, Catalog catalog) {}
