/**
 * Filters: which events a handler wants. A {@link dev.tgkit.client.filters.Filter} is a fast,
 * side-effect-free test of an event; filters combine with {@code and}, {@code or} and {@code
 * negate}, which flatten ({@code a.or(b).or(c)} is one {@link dev.tgkit.client.filters.Any} of
 * three). {@link dev.tgkit.client.filters.Filters} makes the built-in ones.
 */
@NullMarked
package dev.tgkit.client.filters;

import org.jspecify.annotations.NullMarked;
