/**
 * The {@code updates} service: {@code updates.getState} and {@code updates.getDifference}.
 *
 * <p>Not API: public only so that the embedded Telegram's packages can reach each other; it may
 * change in any release. Tests use {@link dev.tgkit.test}.
 */
@NullMarked
package dev.tgkit.test.internal.services.updates;

import org.jspecify.annotations.NullMarked;
