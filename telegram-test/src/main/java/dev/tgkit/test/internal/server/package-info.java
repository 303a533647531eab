/**
 * The embedded Telegram's server side: data centers listening on loopback, one Netty handler per
 * client connection driving the sans-IO {@code ServerSession} and {@code ServerHandshake} of
 * {@code dev.tgkit.mtproto}, salts, and the execution of requests (faults, {@code help.getConfig},
 * authorization transfer, the services registry).
 *
 * <p>Not API: public only so that the embedded Telegram's packages can reach each other; it may
 * change in any release. Tests use {@link dev.tgkit.test}.
 */
@NullMarked
package dev.tgkit.test.internal.server;

import org.jspecify.annotations.NullMarked;
