package org.infersim.autoscale;

/**
 * What an autoscaler sees at one of its ticks, and no more than a real controller would: the
 * clock, how many replicas are serving, how many are starting (scheduled, pulling, loading or
 * initialising; they take no traffic yet), and the deployment's metric summed over its replicas
 * as the metrics pipeline reports it now (requests in flight, requests per second over the last
 * period, ...). Requests buffered while no replica is ready (the activator) are in the metric.
 */
public record ScalingObservation(long nowNs, int ready, int starting, double metric) {
    /** The replicas asked for so far: serving or on their way. */
    public int current() {
        return ready + starting;
    }
}
