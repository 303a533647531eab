package dev.tgkit.client.filters;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageEvent;

/**
 * Passes a message whose first word is {@link #command()}, or {@code command@username} with this
 * account's username (from the session, no request made): {@code new Command("/help")} passes
 * {@code /help} and {@code /help@thisbot me}, not {@code /helpme} or {@code /help@otherbot}. No
 * prefix is added: other prefixes than {@code /} work too.
 */
public record Command(String command) implements Filter {

  public Command {
    if (command.isEmpty() || command.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("a command is one word such as /start, got \"" + command + "\"");
    }
  }

  @Override
  public boolean test(Event event) {
    if (!(event instanceof MessageEvent message)) {
      return false;
    }
    String text = message.text();
    int end = 0;
    while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    String first = text.substring(0, end);
    if (first.equals(command)) {
      return true;
    }
    int at = first.indexOf('@');
    return at > 0
        && first.substring(0, at).equals(command)
        && event.selfUsername().map(name -> name.equalsIgnoreCase(first.substring(at + 1))).orElse(false);
  }
}
