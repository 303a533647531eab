/**
 * The {@code messages} service: sending, editing, deleting, forwarding, pinning and reading messages in
 * private chats and basic groups.
 *
 * <p>Not API: public only so that the embedded Telegram's packages can reach each other; it may
 * change in any release. Tests use {@link dev.tgkit.test}.
 */
@NullMarked
package dev.tgkit.test.internal.services.messages;

import org.jspecify.annotations.NullMarked;
