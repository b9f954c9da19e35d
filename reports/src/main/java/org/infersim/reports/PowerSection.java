package org.infersim.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.infersim.input.InvalidInputException;
import org.infersim.results.PoolsCsv.Column;
import org.infersim.results.ResultsFolder;

/**
 * "Power and ownership": what an IT team asks before it orders hardware. The pools' power over
 * time, the run's energy, the fleet's servers, racks and kW, what it costs a month under each
 * cost model, and against a hosted API. Read as a JSON tree, so that summaries written before
 * these fields existed leave out what they lack.
 */
final class PowerSection extends RunSection {
    PowerSection(RunPage p) {
        super(p);
    }

    @Override
    void add() throws InvalidInputException {
        JsonNode json = JsonObjectFile.read(run.dir().resolve(ResultsFolder.SUMMARY));
        JsonNode energy = json.path("energy");
        JsonNode fleet = json.path("fleet");
        JsonNode buy = json.path("buildVsBuy");
        boolean power = run.pools() != null && run.pools().has(Column.POWER_KW);
        if (!energy.isObject() && !fleet.isObject() && !power) {
            return;
        }
        page.section("power", "Power and ownership");
        if (power || energy.isObject()) {
            page.beginGrid();
            if (power) {
                powerChart(energy);
            }
            if (energy.isObject()) {
                energyTable(energy);
            }
            page.endGrid();
        }
        if (fleet.isObject()) {
            fleet(fleet, buy);
        } else if (buy.isObject()) {
            page.heading("Build or buy").paragraph(buildVsBuy(buy));
        }
    }

    private void powerChart(JsonNode energy) throws InvalidInputException {
        PoolSeriesTable pools = run.pools();
        XyChart chart = timeChart("Power over time", "kilowatts").yFromZero();
        int color = 0;
        for (String pool : pools.pools()) {
            chart.line(pool, time.of(pools.values(pool, Column.TIME_S)), pools.values(pool, Column.POWER_KW), color++);
        }
        double pue = energy.path("pue").asDouble(Double.NaN);
        String facility = Double.isFinite(pue)
                ? " The facility draws this times its PUE (" + Figures.number(pue) + " here), cooling and power "
                        + "conversion included" + facilityPeak(energy) + "."
                : "";
        page.chart(chart, "Electrical power of each pool: its GPUs, which draw more the harder they compute or move "
                + "memory, plus each node's overhead (CPUs, memory, network cards, fans), as the mean over each "
                + "metrics interval." + facility + " " + warmupSentence(), HtmlPage.Size.HALF);
    }

    private static String facilityPeak(JsonNode energy) {
        double peak = energy.path("facilityPeakPowerKw").asDouble(Double.NaN);
        return Double.isFinite(peak) ? ", at most " + Figures.number(peak) + " kW in this run" : "";
    }

    private void energyTable(JsonNode energy) {
        HtmlTable table = new HtmlTable("Energy", "Value");
        figure(table, energy, "kwh", "Energy, IT equipment", " kWh");
        figure(table, energy, "averagePowerKw", "Average power", " kW");
        figure(table, energy, "peakPowerKw", "Peak power (interval mean)", " kW");
        figure(table, energy, "joulesPerOutputToken", "Per output token", " J");
        figure(table, energy, "joulesPerRequest", "Per request", " J");
        figure(table, energy, "pue", "PUE (facility over IT power)", "");
        figure(table, energy, "facilityKwh", "Energy at the facility", " kWh");
        figure(table, energy, "facilityPeakPowerKw", "Peak power at the facility", " kW");
        page.html("<div>").heading("Energy after warm-up").table(table)
                .paragraph("Energy, power, and the figures per token and per request cover the measured window, "
                        + "after warm-up; the chart shows the whole run.").html("</div>");
    }

    private static void figure(HtmlTable table, JsonNode energy, String field, String label, String unit) {
        JsonNode v = energy.get(field);
        if (v != null && v.isNumber()) {
            table.row(List.of(HtmlTable.text(label), HtmlTable.number(v.asDouble(), Figures.number(v.asDouble()) + unit)));
        }
    }

    /** The fleet's footprint and cost models, with the comparison to an API beside the chart. */
    private void fleet(JsonNode fleet, JsonNode buy) {
        page.heading("The fleet and what it costs");
        int servers = fleet.path("servers").asInt();
        int racks = fleet.path("racks").asInt();
        StringBuilder text = new StringBuilder("The fleet is " + Figures.count(servers) + plural(servers, " server")
                + " in " + Figures.count(racks) + plural(racks, " rack") + ": " + kw(fleet, "nameplateKw")
                + " kW nameplate, " + kw(fleet, "facilityKw") + " kW to provision at the facility with its PUE ("
                + kw(fleet, "peakFacilityKw") + " kW drawn at most in this run)");
        double capex = fleet.path("capexUsd").asDouble(0);
        if (capex > 0) {
            text.append(", and ").append(Figures.dollars(capex)).append(" to buy the servers owned");
        }
        page.paragraph(text + ".");
        JsonNode models = fleet.path("costModels");
        if (!models.isArray() || models.isEmpty()) {
            if (buy.isObject()) {
                page.heading("Build or buy").paragraph(buildVsBuy(buy));
            }
            return;
        }
        HtmlTable table = new HtmlTable("Cost model", "$/hour", "$/month", "$ per million output tokens",
                "Depreciation", "Space", "Electricity")
                .explain(4, "On-prem: the servers' capex spread over their depreciation period, a month of it")
                .explain(5, "On-prem: racks, colocation and operations, a month")
                .explain(6, "On-prem: the energy metered in this run times the PUE and the price of a kWh, a month");
        CostBarChart chart = new CostBarChart("Monthly cost by cost model", "US dollars a month");
        for (JsonNode m : models) {
            String name = m.path("model").asText();
            JsonNode parts = m.path("perMonthBreakdown");
            table.row(List.of(HtmlTable.text(name), dollars(m.path("perHour")), dollars(m.path("perMonth")),
                    dollars(m.path("perMillionOutputTokens")), dollars(parts.path("depreciation")),
                    dollars(parts.path("space")), dollars(parts.path("electricity"))));
            chart.bar(new CostBarChart.Bar(name, parts(m, parts)));
        }
        page.table(table).beginGrid();
        page.chart(chart.build(), "What the fleet of this run costs a month under each cost model (a month is "
                + "730 hours at the run's rate). Rented GPUs are one bar; owning splits into depreciation, space and "
                + "electricity.", HtmlPage.Size.HALF);
        if (buy.isObject()) {
            page.html("<div>").heading("Build or buy").paragraph(buildVsBuy(buy)).html("</div>");
        }
        page.endGrid();
    }

    private static List<CostBarChart.Part> parts(JsonNode model, JsonNode parts) {
        List<CostBarChart.Part> out = new ArrayList<>();
        if (parts.isObject()) {
            out.add(new CostBarChart.Part("depreciation", parts.path("depreciation").asDouble(0)));
            out.add(new CostBarChart.Part("space", parts.path("space").asDouble(0)));
            out.add(new CostBarChart.Part("electricity", parts.path("electricity").asDouble(0)));
        } else {
            out.add(new CostBarChart.Part("GPU rental", model.path("perMonth").asDouble(0)));
        }
        return out;
    }

    /** The comparison with a hosted API, in words. */
    static String buildVsBuy(JsonNode b) {
        double tokens = b.path("tokensPerMonth").asDouble(Double.NaN);
        double api = b.path("apiPerMonth").asDouble(Double.NaN);
        double owned = b.path("ownedPerMonth").asDouble(Double.NaN);
        double crossover = b.path("crossoverTokensPerMonth").asDouble(Double.NaN);
        String name = b.path("api").asText("the API");
        StringBuilder s = new StringBuilder("At this run's traffic, " + tokens(tokens) + " tokens a month, " + name
                + " (" + price(b.path("inputPerMillion")) + " per million input and "
                + price(b.path("outputPerMillion")) + " per million output tokens"
                + (b.hasNonNull("priceDate") ? ", prices of " + b.path("priceDate").asText() : "")
                + ") would bill " + Figures.dollars(api) + " a month against " + Figures.dollars(owned)
                + " to own the fleet");
        if (Double.isFinite(crossover) && crossover > 0) {
            s.append("; owning is cheaper above ").append(tokens(crossover)).append(" tokens a month, ")
                    .append(Figures.percent(crossover / tokens)).append(" of this traffic");
        }
        s.append(api > owned ? ", so here owning is cheaper." : ", so here the API is cheaper.");
        return s.toString();
    }

    /** A monthly token count as a person says it: 35.9 billion. */
    static String tokens(double n) {
        if (!Double.isFinite(n)) {
            return Figures.NONE;
        }
        if (n >= 1e12) {
            return Figures.significant(n / 1e12, 3) + " trillion";
        }
        if (n >= 1e9) {
            return Figures.significant(n / 1e9, 3) + " billion";
        }
        if (n >= 1e6) {
            return Figures.significant(n / 1e6, 3) + " million";
        }
        return Figures.count(Math.round(n));
    }

    /** A price per million tokens, in cents as an API's price list writes it: $0.90. */
    private static String price(JsonNode v) {
        return v.isNumber() ? "$" + Figures.fixed(v.asDouble(), 2) : Figures.NONE;
    }

    private static String kw(JsonNode fleet, String field) {
        return Figures.number(fleet.path(field).asDouble(Double.NaN));
    }

    private static String plural(int n, String word) {
        return n == 1 ? word : word + "s";
    }

    private static HtmlTable.Cell dollars(JsonNode v) {
        return v.isNumber() ? HtmlTable.number(v.asDouble(), Figures.dollars(v.asDouble())) : HtmlTable.text("");
    }
}
