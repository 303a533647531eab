package dev.tgkit.spring.handler;

import dev.tgkit.client.events.Event;
import dev.tgkit.client.events.MessageEvent;
import dev.tgkit.client.filters.Filters;
import dev.tgkit.client.filters.Media;
import dev.tgkit.client.types.Channel;
import dev.tgkit.client.types.Group;
import dev.tgkit.client.types.User;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words of a {@link TelegramHandler#filter()} expression, evaluated for one event: the
 * expression's root object. Each word delegates to the core's filters, so an expression means
 * what the same {@code Filters} combination means to {@code Client.on}.
 */
public final class FilterWords {

  /** The functions and properties an expression may use. */
  static final Set<String> WORDS = Set.of("command", "text", "incoming", "outgoing", "forward", "reply", "media",
      "private", "group", "channel", "chat", "sender");

  private final Event event;
  private final Map<String, Pattern> patterns;

  FilterWords(Event event, Map<String, Pattern> patterns) {
    this.event = event;
    this.patterns = patterns;
  }

  public boolean command(String command) {
    return Filters.command(command).test(event);
  }

  public boolean text(String regex) {
    return event instanceof MessageEvent m && m.matchText(patterns.computeIfAbsent(regex, Pattern::compile)).isPresent();
  }

  public boolean isIncoming() {
    return Filters.incoming().test(event);
  }

  public boolean isOutgoing() {
    return Filters.outgoing().test(event);
  }

  public boolean isForward() {
    return Filters.forward().test(event);
  }

  public boolean isReply() {
    return Filters.reply().test(event);
  }

  public boolean isMedia() {
    return Filters.media().test(event);
  }

  public boolean media(String... kinds) {
    Media.Kind[] parsed = new Media.Kind[kinds.length];
    for (int i = 0; i < kinds.length; i++) {
      parsed[i] = Media.Kind.valueOf(kinds[i].toUpperCase(Locale.ROOT));
    }
    return Filters.media(parsed).test(event);
  }

  public boolean isPrivate() {
    return Filters.chatType(User.class).test(event);
  }

  public boolean isGroup() {
    return Filters.chatType(Group.class).test(event);
  }

  public boolean isChannel() {
    return Filters.chatType(Channel.class).test(event);
  }

  public boolean chat(long... ids) {
    return Filters.chats(ids).test(event);
  }

  public boolean sender(long... ids) {
    return Filters.senders(ids).test(event);
  }
}
