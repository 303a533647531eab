/**
 * What a client remembers between runs: the data centers it knows and their auth keys, its home
 * data center, who is signed in and how far updates were read ({@link dev.tgkit.session.Session}),
 * and, while it runs, the access hashes it was given ({@link dev.tgkit.session.PeerCache}).
 * {@link dev.tgkit.session.Storage} is the SPI through which a session is loaded and saved;
 * {@link dev.tgkit.session.MemoryStorage} keeps it in memory, {@link
 * dev.tgkit.session.FileStorage} in a crash-safe file, the Spring starter in a database.
 *
 * <p>Layer: below {@code client}, beside {@code net}; may use {@code crypto} and {@code tl}.
 * Auth keys never appear in {@code toString()}.
 */
@NullMarked
package dev.tgkit.session;

import org.jspecify.annotations.NullMarked;
