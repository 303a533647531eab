/**
 * {@link dev.tgkit.spring.handler.TelegramHandler @TelegramHandler} methods: bean methods that
 * handle Telegram events, selected by a filter expression.
 */
@NullMarked
package dev.tgkit.spring.handler;

import org.jspecify.annotations.NullMarked;
