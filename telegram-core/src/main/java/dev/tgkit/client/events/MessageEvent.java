package dev.tgkit.client.events;

import dev.tgkit.client.types.Message;
import java.util.Optional;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the events that are messages share: the message itself, and the match of the last {@code
 * Text} filter that passed, for the handler to read its groups.
 */
public abstract sealed class MessageEvent extends Message implements Event permits NewMessage, MessageEdited {

  private final @Nullable String selfUsername;
  private volatile @Nullable MatchResult match;

  MessageEvent(Message message, @Nullable String selfUsername) {
    super(message);
    this.selfUsername = selfUsername;
  }

  @Override
  public Optional<String> selfUsername() {
    return Optional.ofNullable(selfUsername);
  }

  @Override
  public String chatKey() {
    return switch (chat().ref()) {
      case dev.tgkit.session.PeerRef.UserRef u -> "u" + u.id();
      case dev.tgkit.session.PeerRef.GroupRef g -> "g" + g.id();
      case dev.tgkit.session.PeerRef.ChannelRef c -> "c" + c.id();
    };
  }

  /**
   * Searches {@link #text()} for {@code pattern}; a match is kept for {@link #match()}. This is
   * what the {@code Text} filter calls.
   */
  public Optional<MatchResult> matchText(Pattern pattern) {
    Matcher m = pattern.matcher(text());
    if (!m.find()) {
      return Optional.empty();
    }
    MatchResult result = m.toMatchResult();
    match = result;
    return Optional.of(result);
  }

  /** The match of the last {@code Text} filter that passed for this event. */
  public Optional<MatchResult> match() {
    return Optional.ofNullable(match);
  }
}
