package org.infersim.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.infersim.input.InvalidInputException;
import org.infersim.results.BuildVsBuySummary;
import org.infersim.results.EnergySummary;
import org.infersim.results.FleetCostSummary;
import org.infersim.results.PoolsCsv.Column;

/**
 * "Power and ownership": what an IT team asks before it orders hardware. The pools' power over
 * time, the run's energy, the fleet's servers, racks and kW, what it costs a month under each
 * cost model, and against a hosted API. A summary written before these figures existed has none
 * of them (null), and the section leaves out what it lacks.
 */
final class PowerSection extends RunSection {
    PowerSection(RunPage p) {
        super(p);
    }

    @Override
    void add() throws InvalidInputException {
        EnergySummary energy = summary.energy();
        FleetCostSummary fleet = summary.fleet();
        BuildVsBuySummary buy = summary.buildVsBuy();
        boolean power = run.pools() != null && run.pools().has(Column.POWER_KW);
        if (energy == null && fleet == null && !power) {
            return;
        }
        page.section("power", "Power and ownership");
        if (power || energy != null) {
            page.beginGrid();
            if (power) {
                powerChart(energy);
            }
            if (energy != null) {
                energyTable(energy);
            }
            page.endGrid();
        }
        if (fleet != null) {
            fleet(fleet, buy);
        } else if (buy != null) {
            page.heading("Build or buy").paragraph(buildVsBuy(buy));
        }
    }

    private void powerChart(EnergySummary energy) throws InvalidInputException {
        PoolSeriesTable pools = run.pools();
        XyChart chart = timeChart("Power over time", "kilowatts").yFromZero();
        int color = 0;
        for (String pool : pools.pools()) {
            chart.line(pool, time.of(pools.values(pool, Column.TIME_S)), pools.values(pool, Column.POWER_KW), color++);
        }
        String facility = energy == null ? ""
                : " The facility draws this times its PUE (" + Figures.number(energy.pue()) + " here), cooling and power "
                        + "conversion included, at most " + Figures.number(energy.facilityPeakPowerKw())
                        + " kW in this run.";
        page.chart(chart, "Electrical power of each pool: its GPUs, which draw more the harder they compute or move "
                + "memory, plus each node's overhead (CPUs, memory, network cards, fans), as the mean over each "
                + "metrics interval." + facility + " " + warmupSentence(), HtmlPage.Size.HALF);
    }

    private void energyTable(EnergySummary energy) {
        HtmlTable table = new HtmlTable("Energy", "Value");
        figure(table, "Energy, IT equipment", energy.kwh(), " kWh");
        figure(table, "Average power", energy.averagePowerKw(), " kW");
        figure(table, "Peak power (interval mean)", energy.peakPowerKw(), " kW");
        figure(table, "Per output token", energy.joulesPerOutputToken(), " J");
        figure(table, "Per request", energy.joulesPerRequest(), " J");
        figure(table, "PUE (facility over IT power)", energy.pue(), "");
        figure(table, "Energy at the facility", energy.facilityKwh(), " kWh");
        figure(table, "Peak power at the facility", energy.facilityPeakPowerKw(), " kW");
        page.html("<div>").heading("Energy after warm-up").table(table)
                .paragraph("Energy, power, and the figures per token and per request cover the measured window, "
                        + "after warm-up; the chart shows the whole run.").html("</div>");
    }

    private static void figure(HtmlTable table, String label, double value, String unit) {
        table.row(List.of(HtmlTable.text(label), HtmlTable.number(value, Figures.number(value) + unit)));
    }

    /** The fleet's footprint and cost models, with the comparison to an API beside the chart. */
    private void fleet(FleetCostSummary fleet, BuildVsBuySummary buy) {
        page.heading("The fleet and what it costs");
        long servers = fleet.servers();
        long racks = fleet.racks();
        StringBuilder text = new StringBuilder("The fleet is " + Figures.count(servers) + plural(servers, " server")
                + " in " + Figures.count(racks) + plural(racks, " rack") + ": " + Figures.number(fleet.nameplateKw())
                + " kW nameplate, " + Figures.number(fleet.facilityKw()) + " kW to provision at the facility with its PUE ("
                + Figures.number(fleet.peakFacilityKw()) + " kW drawn at most in this run)");
        if (fleet.capexUsd() > 0) {
            text.append(", and ").append(Figures.dollars(fleet.capexUsd())).append(" to buy the servers owned");
        }
        page.paragraph(text + ".");
        if (fleet.costModels().isEmpty()) {
            if (buy != null) {
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
        for (FleetCostSummary.CostModel m : fleet.costModels()) {
            Map<String, Double> parts = m.perMonthBreakdown() == null ? Map.of() : m.perMonthBreakdown();
            table.row(List.of(HtmlTable.text(m.model()), dollars(m.perHour()), dollars(m.perMonth()),
                    dollars(m.perMillionOutputTokens()), dollars(parts.get("depreciation")), dollars(parts.get("space")),
                    dollars(parts.get("electricity"))));
            chart.bar(new CostBarChart.Bar(m.model(), parts(m)));
        }
        page.table(table).beginGrid();
        page.chart(chart.build(), "What the fleet of this run costs a month under each cost model (a month is "
                + "730 hours at the run's rate). Rented GPUs are one bar; owning splits into depreciation, space and "
                + "electricity.", HtmlPage.Size.HALF);
        if (buy != null) {
            page.html("<div>").heading("Build or buy").paragraph(buildVsBuy(buy)).html("</div>");
        }
        page.endGrid();
    }

    private static List<CostBarChart.Part> parts(FleetCostSummary.CostModel model) {
        List<CostBarChart.Part> out = new ArrayList<>();
        if (model.perMonthBreakdown() != null) {
            model.perMonthBreakdown().forEach((part, dollars) -> out.add(new CostBarChart.Part(part, dollars)));
        } else {
            out.add(new CostBarChart.Part("GPU rental", model.perMonth()));
        }
        return out;
    }

    /** The comparison with a hosted API, in words. */
    static String buildVsBuy(BuildVsBuySummary b) {
        StringBuilder s = new StringBuilder("At this run's traffic, " + tokens(b.tokensPerMonth()) + " tokens a month, "
                + b.api() + " ($" + Figures.fixed(b.inputPerMillion(), 2) + " per million input and $"
                + Figures.fixed(b.outputPerMillion(), 2) + " per million output tokens"
                + (b.priceDate() == null || b.priceDate().isEmpty() ? "" : ", prices of " + b.priceDate())
                + ") would bill " + Figures.dollars(b.apiPerMonth()) + " a month against "
                + Figures.dollars(b.ownedPerMonth()) + " to own the fleet");
        Double crossover = b.crossoverTokensPerMonth();
        if (crossover != null && crossover > 0) {
            s.append("; owning is cheaper above ").append(tokens(crossover)).append(" tokens a month, ")
                    .append(Figures.percent(b.breakEvenUtilization())).append(" of this traffic");
        }
        s.append(b.apiPerMonth() > b.ownedPerMonth() ? ", so here owning is cheaper." : ", so here the API is cheaper.");
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

    private static String plural(long n, String word) {
        return n == 1 ? word : word + "s";
    }

    private static HtmlTable.Cell dollars(Double v) {
        return v == null ? HtmlTable.text("") : HtmlTable.number(v, Figures.dollars(v));
    }
}
