package org.infersim.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.infersim.cli.Main;

/**
 * The entry point for {@code spark-submit}: the same command line as {@code infersim}, whose
 * batch, size and compare commands run on the cluster the job was submitted to unless
 * {@code --spark} names another.
 */
public final class SparkMain {
    private static final Set<String> STUDIES = Set.of("batch", "size", "compare");

    private SparkMain() {}

    public static void main(String[] args) {
        System.exit(Main.execute(onSubmittedCluster(args)));
    }

    /** The arguments with {@code --spark=} (the submitted cluster) added to a study command that has no {@code --spark}. */
    static String[] onSubmittedCluster(String[] args) {
        List<String> out = new ArrayList<>(List.of(args));
        boolean study = !out.isEmpty() && STUDIES.contains(out.get(0));
        if (study && out.stream().noneMatch(a -> a.equals("--spark") || a.startsWith("--spark="))) {
            out.add(1, "--spark=");
        }
        return out.toArray(String[]::new);
    }
}
