/**
 * The high-level client: the {@code Client} facade and the services behind it, in the spirit of
 * Telethon v2. Layer: top; may use every other layer.
 */
@NullMarked
package dev.tgkit.client;

import org.jspecify.annotations.NullMarked;
