package org.infersim.testing;

import java.util.List;
import java.util.function.Consumer;
import org.infersim.model.cluster.Allocation;
import org.infersim.model.cluster.Demand;
import org.infersim.model.cluster.GpuPool;
import org.infersim.model.cluster.GpuWorkload;
import org.infersim.scenario.PriorityClass;

/**
 * An inference replica as the scheduler sees it, and nothing more: it asks one pool for GPUs and
 * keeps what it is given until the test releases it. Tests of the scheduler, preemption and node
 * autoscaling use it where a real replica would bring a serving engine they do not need.
 */
public final class FakeWorkload implements GpuWorkload {
    private final String name;
    private final Demand demand;
    private final GpuPool pool;
    private final Consumer<Allocation> whenPlaced;
    private Allocation allocation;

    /** Asks {@code pool} for {@code demand} at inference priority, and holds what it gets. */
    public FakeWorkload(String name, Demand demand, GpuPool pool) {
        this(name, demand, pool, a -> { });
    }

    /** As above, and hands each allocation to {@code whenPlaced}, as it is placed. */
    public FakeWorkload(String name, Demand demand, GpuPool pool, Consumer<Allocation> whenPlaced) {
        this.name = name;
        this.demand = demand;
        this.pool = pool;
        this.whenPlaced = whenPlaced;
    }

    /** What the scheduler gave it; null until it is placed. */
    public Allocation allocation() {
        return allocation;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String kind() {
        return "inference";
    }

    @Override
    public int priority() {
        return PriorityClass.INFERENCE;
    }

    @Override
    public Demand demand(GpuPool p) {
        return demand;
    }

    @Override
    public List<GpuPool> pools() {
        return List.of(pool);
    }

    @Override
    public void placed(Allocation a) {
        allocation = a;
        whenPlaced.accept(a);
    }
}
