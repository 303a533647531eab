/**
 * The simulated Telegram world: accounts, basic groups, messages kept per account as Telegram keeps
 * them (<a href="https://core.telegram.org/api/updates">updates</a>: per-account message ids, pts
 * and the log {@code updates.getDifference} answers from), the formatting entities Telegram derives
 * from a text it stores, and the TL views each account is shown, with the access hashes it sees.
 *
 * <p>Not API: public only so that the embedded Telegram's packages can reach each other; it may
 * change in any release. Tests use {@link dev.tgkit.test}.
 */
@NullMarked
package dev.tgkit.test.internal.world;

import org.jspecify.annotations.NullMarked;
