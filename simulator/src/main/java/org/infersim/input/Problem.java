package org.infersim.input;

/** One thing wrong with an input file, located precisely enough for a user to fix it. */
public record Problem(String file, int line, String path, String message) {
    /** {@code scenarios/x.yaml:14: deployments[0].tensorParallel: 3 does not divide ...} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        sb.append(": ");
        if (path != null && !path.isEmpty()) {
            sb.append(path).append(": ");
        }
        return sb.append(message).toString();
    }
}
