package dev.tgkit.client.events;

import java.util.Optional;

/**
 * Something that happened, as handlers receive it. Filters look at events and must be fast and
 * side-effect free.
 */
public sealed interface Event permits MessageEvent, MessageDeleted {

  /**
   * The signed-in account's username, without the {@code @}, as the session knows it: {@code
   * Command} filters accept {@code /start@thisname}.
   */
  Optional<String> selfUsername();

  /**
   * A key of the chat the event happened in ({@code u123}, {@code g456}, {@code c789}), or the
   * empty string if it names none: events of one chat are handled in order.
   */
  String chatKey();
}
