/**
 * The embedded Telegram: MTProto 2.0 data centers on loopback that tests (and any MTProto client,
 * through {@link dev.tgkit.test.EmbeddedTelegramMain}) can talk to over real TCP.
 *
 * <p>Layer: a test-support server above telegram-core. It drives the sans-IO server pieces of
 * {@code dev.tgkit.mtproto} (transport detection, {@code ServerHandshake}, {@code ServerSession})
 * from Netty event loops, so unlike the core's protocol packages it does IO, reads the clock and
 * uses {@code java.util.concurrent}. See <a
 * href="https://core.telegram.org/mtproto/description">the MTProto description</a>.
 *
 * <p>Behind the API sits a simulated world: accounts ({@link dev.tgkit.test.TestUser}), basic
 * groups ({@link dev.tgkit.test.TestGroup}) and messages kept the way Telegram keeps them, so a
 * client or a bot under test meets Telegram's rules rather than canned answers.
 *
 * <p>This package is the API; what implements it lives under {@code dev.tgkit.test.internal}, by
 * concern: {@code server} (data centers, connections, request execution), {@code world} (the
 * simulated Telegram), {@code services} (one package per API area) and {@code proxy} (SOCKS5 and
 * HTTP CONNECT proxies on loopback).
 */
@NullMarked
package dev.tgkit.test;

import org.jspecify.annotations.NullMarked;
