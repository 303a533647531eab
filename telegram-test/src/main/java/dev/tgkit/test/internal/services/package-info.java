/**
 * Not API: the embedded Telegram's built-in services, one package per API area as Telegram
 * groups its methods (<a href="https://core.telegram.org/methods">methods</a>), each registering
 * its handlers in the {@link dev.tgkit.test.Services} registry as defaults a test may replace. This
 * package holds what they share: who is calling.
 *
 * <p>Public only so that the embedded Telegram's packages can reach each other; it may change in
 * any release.
 */
@NullMarked
package dev.tgkit.test.internal.services;

import org.jspecify.annotations.NullMarked;
