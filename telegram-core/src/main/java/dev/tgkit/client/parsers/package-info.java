/**
 * Text formatting: {@link dev.tgkit.client.parsers.Markdown} and {@link
 * dev.tgkit.client.parsers.Html} turn markup into the plain text and {@code MessageEntity} list
 * Telegram carries ({@link dev.tgkit.client.parsers.FormattedText}), and back. Telegram itself
 * knows no markup (<a href="https://core.telegram.org/api/entities">entities</a>).
 *
 * <p>Layer: {@code client}; uses {@code tl} and {@code session} (for {@code PeerRef} mentions).
 */
@NullMarked
package dev.tgkit.client.parsers;

import org.jspecify.annotations.NullMarked;
