package org.infersim.scenario;

/**
 * A hosted API the fleet is compared with (build versus buy): its prices per million input
 * (prompt) and output tokens, as the user found them. Prices move; {@code priceDate} says when.
 *
 * @param name                a label, such as "Fireworks, Llama 3.1 70B"
 * @param inputPerMillion     dollars per million input tokens
 * @param outputPerMillion    dollars per million output tokens
 * @param priceDate           when the prices were read (free text); empty when not given
 */
public record HostedApi(String name, double inputPerMillion, double outputPerMillion, String priceDate) {}
