package org.infersim.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Dollars: {@code total} over the whole run, {@code perHour} at the fleet's rate (a static pool's
 * rate, and the average rate over the run of a dynamic or serverless pool),
 * {@code measured} over the window after warm-up, and that window's cost per million output
 * tokens (null when nothing was generated). Of the total, {@code billed} is what the workloads
 * held (each billed for its fraction of a GPU while it held it) and {@code unbilled} what no one
 * held: the price of idle capacity (and, in a dynamic pool, of nodes being provisioned).
 * {@code byProvisioning} splits the total by provisioning mode, in the order static, dynamic,
 * serverless; it is absent when every pool is static.
 */
public record CostSummary(double total, double perHour, double measured, Double perMillionOutputTokens,
                          double billed, double unbilled,
                          @JsonInclude(JsonInclude.Include.NON_NULL) List<ProvisioningCost> byProvisioning) {

    public CostSummary {
        byProvisioning = byProvisioning == null ? null : List.copyOf(byProvisioning);
    }
}
