package org.infersim.spark;

import java.io.Serializable;

/**
 * What an executor needs to simulate one run: the variant's whole scenario text, how messages
 * name it, and the folder its relative paths (traces, length files) are read from, which must
 * be a path every executor sees.
 */
record RunTask(String text, String name, String baseDir) implements Serializable {}
