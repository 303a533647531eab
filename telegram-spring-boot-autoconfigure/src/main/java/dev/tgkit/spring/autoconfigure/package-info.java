/**
 * Spring Boot auto-configuration for tgkit: the {@code telegram.*} properties ({@link
 * dev.tgkit.spring.autoconfigure.TelegramProperties}) and the {@link dev.tgkit.client.Client}
 * bean, which connects and signs in when the context starts and disconnects when it stops.
 */
@NullMarked
package dev.tgkit.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
