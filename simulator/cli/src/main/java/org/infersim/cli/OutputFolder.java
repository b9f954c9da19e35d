package org.infersim.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The folder a command writes its results into, and when it may: a folder that is new (or
 * empty), one infersim made before (it holds {@link #MARKER}), or any folder when the user says
 * {@code --force}. A user's own folder is never written into by accident, since infersim
 * replaces files such as {@code summary.json} there without asking.
 */
final class OutputFolder {
    /** The file infersim leaves in every results folder it makes, so it knows the folder for its own. */
    static final String MARKER = ".infersim-results";

    private OutputFolder() {}

    /**
     * A folder name for results named after a scenario or study: the name itself when it is a
     * plain folder name, otherwise the name with its path separators replaced, so that a name
     * such as {@code ..} or {@code a/b} cannot send results elsewhere.
     */
    static String folderName(String name) {
        String plain = name == null ? "" : name.replaceAll("[/\\\\\\p{Cntrl}]", "-").strip();
        return plain.matches("\\.*") ? "unnamed" : plain;
    }

    /**
     * The results folder {@code dir}, created and marked as infersim's; null after saying on
     * standard error why it cannot be used. {@code what} names it in messages ("--output x").
     */
    static Path claim(String command, Path dir, String what, boolean force) {
        String prefix = "infersim " + command + ": " + what + ": ";
        if (dir.toString().isEmpty()) {
            System.err.println(prefix + "empty; name the results folder, such as --output results/mine");
            return null;
        }
        if (dir.toAbsolutePath().normalize().getParent() == null) {
            System.err.println(prefix + "the root of the file system is not a results folder; name a folder of its own");
            return null;
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            System.err.println(prefix + "exists and is not a directory");
            return null;
        }
        try {
            if (Files.isDirectory(dir) && !force && !Files.exists(dir.resolve(MARKER)) && !isEmpty(dir)) {
                System.err.println(prefix + "the folder exists, is not empty and was not made by infersim (it has no "
                        + MARKER + "), and infersim would replace files in it such as summary.json; give a new folder "
                        + "with --output DIR, or add --force to write into this one anyway");
                return null;
            }
            Files.createDirectories(dir);
            // Written on every use: it also proves the folder writable before a long run.
            Files.writeString(dir.resolve(MARKER), "This folder holds results written by infersim; "
                    + "infersim writes into it again without --force.\n");
            return dir;
        } catch (IOException e) {
            System.err.println(prefix + "cannot write the results there: " + reason(e));
            return null;
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }

    /** What went wrong with a file, in words, with the file it happened to. */
    static String reason(IOException e) {
        if (!(e instanceof FileSystemException fs)) {
            return e.getMessage();
        }
        String why;
        if (fs instanceof AccessDeniedException) {
            why = "permission denied";
        } else if (fs instanceof NoSuchFileException) {
            why = "no such file or folder";
        } else if (fs instanceof NotDirectoryException) {
            why = "not a folder";
        } else if (fs instanceof FileAlreadyExistsException) {
            why = "a file of that name is in the way";
        } else {
            why = fs.getReason() != null ? fs.getReason() : "cannot write";
        }
        return fs.getFile() + ": " + why;
    }
}
