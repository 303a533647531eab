package dev.tgkit.client.filters;

import dev.tgkit.client.types.Peer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The built-in filters, for {@code import static dev.tgkit.client.filters.Filters.*}. */
public final class Filters {

  private Filters() {}

  /** Every event. */
  public static Filter any() {
    return event -> true;
  }

  /** The first word is {@code command}, or {@code command@ownusername}; see {@link Command}. */
  public static Command command(String command) {
    return new Command(command);
  }

  /** The text contains a match of {@code regex}; see {@link Text}. */
  public static Text text(String regex) {
    return new Text(regex);
  }

  /** The text contains a match of {@code pattern}; see {@link Text}. */
  public static Text text(Pattern pattern) {
    return new Text(pattern);
  }

  /** Received from someone else. */
  public static Incoming incoming() {
    return new Incoming();
  }

  /** Sent by this account. */
  public static Outgoing outgoing() {
    return new Outgoing();
  }

  /** In a chat of this kind ({@code User.class}, {@code Group.class}, {@code Channel.class}). */
  public static ChatType chatType(Class<? extends Peer> type) {
    return new ChatType(type);
  }

  /** In one of these chats, by id. */
  public static Chats chats(long... ids) {
    return new Chats(set(ids));
  }

  /** Sent by one of these users or channels, by id. */
  public static Senders senders(long... ids) {
    return new Senders(set(ids));
  }

  /** Forwarded. */
  public static Forward forward() {
    return new Forward();
  }

  /** Replying to a message. */
  public static Reply reply() {
    return new Reply();
  }

  /** With media of these kinds, or any media if none are named. */
  public static Media media(Media.Kind... kinds) {
    return new Media(Set.copyOf(Arrays.asList(kinds)));
  }

  static List<Filter> list(Filter first, Filter second, Filter[] more) {
    List<Filter> all = new ArrayList<>(2 + more.length);
    all.add(first);
    all.add(second);
    all.addAll(Arrays.asList(more));
    return all;
  }

  static void checkIds(Set<Long> ids, String what) {
    for (long id : ids) {
      if (id <= 0) {
        throw new IllegalArgumentException(
            "a " + what + " id is Telegram's positive id (not the Bot API's -100... form), got " + id);
      }
    }
  }

  private static Set<Long> set(long[] ids) {
    return Set.copyOf(Arrays.stream(ids).boxed().toList());
  }
}
