package org.infersim.results;

/**
 * Where a deployment's cold starts spent their time, as means over the replicas that started
 * during the run, in seconds: waiting for a node to be provisioned (dynamic pools), waiting for
 * GPUs otherwise (busy, or held by work being preempted), pulling the image (0 on a node that had
 * it), loading the weights, initialising the engine; and the mean and longest from asking for
 * GPUs to serving.
 */
public record ColdStartPhases(double provisionNodeS, double waitForGpuS, double imagePullS, double weightsS,
                              double engineInitS, double meanTotalS, double maxTotalS) {}
