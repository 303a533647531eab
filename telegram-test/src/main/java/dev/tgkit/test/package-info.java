/**
 * The embedded Telegram: MTProto 2.0 data centers on loopback that tests (and any MTProto client,
 * through {@link dev.tgkit.test.EmbeddedTelegramMain}) can talk to over real TCP.
 *
 * <p>Layer: a test-support server above telegram-core. It drives the sans-IO server pieces of
 * {@code dev.tgkit.mtproto} (transport detection, {@code ServerHandshake}, {@code ServerSession})
 * from Netty event loops, so unlike the core's protocol packages it does IO, reads the clock and
 * uses {@code java.util.concurrent}. See <a
 * href="https://core.telegram.org/mtproto/description">the MTProto description</a>.
 */
@NullMarked
package dev.tgkit.test;

import org.jspecify.annotations.NullMarked;
