package org.infersim.results;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.regex.Pattern;

/**
 * A file written beside its destination under a temporary name and renamed over it on
 * {@link #commit()}: a run that fails or is interrupted never leaves a half-written result, and
 * the previous result stays until the new one is complete.
 */
public final class AtomicFile implements AutoCloseable {
    private final Path target;
    private final Path temp;
    private final BufferedWriter writer;
    private final FileTime started;
    private boolean committed;

    public AtomicFile(Path target) throws IOException {
        this.target = target.toAbsolutePath();
        Path dir = this.target.getParent();
        Files.createDirectories(dir);
        this.temp = Files.createTempFile(dir, "." + this.target.getFileName(), ".tmp");
        this.started = Files.getLastModifiedTime(temp);
        this.writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8);
    }

    /** Writes {@code text} to {@code target} atomically. */
    public static void write(Path target, String text) throws IOException {
        try (AtomicFile f = new AtomicFile(target)) {
            f.writer().write(text);
            f.commit();
        }
    }

    public Writer writer() {
        return writer;
    }

    /** Flushes and moves the temporary file over the target. */
    public void commit() throws IOException {
        writer.close();
        try {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
        committed = true;
        removeStale(target, started);
        // Temporary files are created private (0600); a result is meant to be read by others.
        if (Files.getFileStore(target).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    /** Discards the temporary file unless committed. */
    @Override
    public void close() throws IOException {
        if (!committed) {
            try {
                writer.close();
            } finally {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Deletes the temporary files of {@code target} that earlier, interrupted writes left behind
     * (a killed run cannot clean up after itself): those untouched since {@code before}, as a
     * writer still at work keeps touching its file. Each commit does this for its own target.
     */
    public static void removeStale(Path target, FileTime before) throws IOException {
        Path file = target.toAbsolutePath();
        String name = file.getFileName().toString();
        Pattern ours = Pattern.compile(Pattern.quote("." + name) + "\\d+\\.tmp");
        try (DirectoryStream<Path> temps = Files.newDirectoryStream(file.getParent(),
                t -> ours.matcher(t.getFileName().toString()).matches())) {
            for (Path t : temps) {
                try {
                    if (Files.getLastModifiedTime(t).compareTo(before) < 0) {
                        Files.deleteIfExists(t);
                    }
                } catch (NoSuchFileException gone) {
                    // another writer cleaned it first
                }
            }
        }
    }
}
