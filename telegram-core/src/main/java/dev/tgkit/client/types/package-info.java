/**
 * The types the client hands out: peers ({@link dev.tgkit.client.types.User}, {@link
 * dev.tgkit.client.types.Group}, {@link dev.tgkit.client.types.Channel}) and messages, each
 * made from the raw TL objects Telegram sends and keeping them at hand ({@code raw()}).
 */
@NullMarked
package dev.tgkit.client.types;

import org.jspecify.annotations.NullMarked;
