/**
 * The {@code auth} service: login codes, two-step verification with SRP (<a
 * href="https://core.telegram.org/api/srp">SRP</a>), bot tokens and logging out.
 *
 * <p>Not API: public only so that the embedded Telegram's packages can reach each other; it may
 * change in any release. Tests use {@link dev.tgkit.test}.
 */
@NullMarked
package dev.tgkit.test.internal.services.auth;

import org.jspecify.annotations.NullMarked;
