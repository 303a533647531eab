/**
 * Events: what the client tells handlers about updates ({@link dev.tgkit.client.events.NewMessage},
 * {@link dev.tgkit.client.events.MessageEdited}, {@link dev.tgkit.client.events.MessageDeleted}),
 * and the handlers' registry and dispatch ({@link dev.tgkit.client.events.Handlers}).
 */
@NullMarked
package dev.tgkit.client.events;

import org.jspecify.annotations.NullMarked;
