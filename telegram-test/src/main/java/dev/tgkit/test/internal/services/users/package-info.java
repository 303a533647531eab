/**
 * The {@code users} service: who is who ({@code users.getUsers}, {@code users.getFullUser}, {@code
 * contacts.resolveUsername}).
 *
 * <p>Not API: public only so that the embedded Telegram's packages can reach each other; it may
 * change in any release. Tests use {@link dev.tgkit.test}.
 */
@NullMarked
package dev.tgkit.test.internal.services.users;

import org.jspecify.annotations.NullMarked;
