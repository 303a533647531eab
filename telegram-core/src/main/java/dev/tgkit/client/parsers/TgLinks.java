package dev.tgkit.client.parsers;

import dev.tgkit.session.PeerRef;
import dev.tgkit.tl.api.InputMessageEntityMentionName;
import dev.tgkit.tl.api.InputUser;
import dev.tgkit.tl.api.InputUserCtor;
import dev.tgkit.tl.api.InputUserEmpty;
import dev.tgkit.tl.api.InputUserFromMessage;
import dev.tgkit.tl.api.InputUserSelf;
import dev.tgkit.tl.api.MessageEntityCustomEmoji;
import dev.tgkit.tl.api.MessageEntityMentionName;
import dev.tgkit.tl.api.MessageEntityTextUrl;
import org.jspecify.annotations.Nullable;

/**
 * The {@code tg:} links both markups share: {@code tg://user?id=123} and {@code
 * tg://user?ref=u.123.HASH} mention a user, {@code tg://emoji?id=123} is a custom emoji.
 */
final class TgLinks {

  static final String USER_ID = "tg://user?id=";
  static final String USER_REF = "tg://user?ref=";
  static final String EMOJI_ID = "tg://emoji?id=";

  private TgLinks() {}

  /**
   * What a link to {@code url} becomes: a mention for {@code tg://user}, else a text URL.
   *
   * @throws IllegalArgumentException if a {@code tg://user} link names no user, saying why
   */
  static TextBuilder.Factory link(String url) {
    if (url.startsWith(USER_ID)) {
      long id = number(url.substring(USER_ID.length()), url);
      if (id <= 0) {
        throw new IllegalArgumentException("the user id in " + url + " must be positive");
      }
      InputUser user = new PeerRef.UserRef(id).toInputUser();
      return (offset, length) -> new InputMessageEntityMentionName(offset, length, user);
    }
    if (url.startsWith(USER_REF)) {
      String ref = url.substring(USER_REF.length());
      if (!(PeerRef.parse(ref) instanceof PeerRef.UserRef user)) {
        throw new IllegalArgumentException(
            "the ref in " + url + " is not a user's (u.<id>[.<hash>]), so it cannot be mentioned");
      }
      InputUser input = user.toInputUser();
      return (offset, length) -> new InputMessageEntityMentionName(offset, length, input);
    }
    if (url.startsWith(EMOJI_ID)) {
      throw new IllegalArgumentException(
          "a custom emoji is an image with the emoji as its alt text, not a link to " + url);
    }
    return (offset, length) -> new MessageEntityTextUrl(offset, length, url);
  }

  /**
   * The custom emoji an image of {@code url} with {@code alt} text stands for.
   *
   * @throws IllegalArgumentException if {@code url} is not a {@code tg://emoji} link or {@code
   *     alt} not an emoji
   */
  static TextBuilder.Factory emoji(String url, String alt) {
    if (!url.startsWith(EMOJI_ID)) {
      throw new IllegalArgumentException(
          "images can only be custom emoji, tg://emoji?id=<document id>; got " + url);
    }
    long documentId = number(url.substring(EMOJI_ID.length()), url);
    if (!isEmoji(alt)) {
      throw new IllegalArgumentException(
          "the alt text of custom emoji " + url + " must be an emoji, such as \uD83D\uDE00; got \""
              + alt + "\"");
    }
    return (offset, length) -> new MessageEntityCustomEmoji(offset, length, documentId);
  }

  /** The link a received mention is written as. */
  static String mention(MessageEntityMentionName mention) {
    return USER_ID + mention.userId();
  }

  /** The link an input mention is written as, or null for one that names nobody. */
  static @Nullable String mention(InputMessageEntityMentionName mention) {
    return switch (mention.userId()) {
      case InputUserCtor user ->
          user.accessHash() == 0
              ? USER_ID + user.userId()
              : USER_REF + new PeerRef.UserRef(user.userId(), user.accessHash());
      case InputUserSelf self -> USER_REF + PeerRef.SELF;
      // The message it came from cannot be written down; the id alone may still work.
      case InputUserFromMessage user -> USER_ID + user.userId();
      case InputUserEmpty empty -> null;
    };
  }

  static String emoji(MessageEntityCustomEmoji emoji) {
    return EMOJI_ID + emoji.documentId();
  }

  private static long number(String digits, String url) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("the id in " + url + " is not a number");
    }
  }

  /**
   * Whether {@code text} is one or more emoji: pictographs with their modifiers, joiners,
   * variation selectors and keycaps. Digits alone do not count, though Unicode calls them emoji
   * (as keycap bases).
   */
  static boolean isEmoji(String text) {
    if (text.isEmpty()) {
      return false;
    }
    boolean pictograph = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      i += Character.charCount(cp);
      boolean joiner = cp == 0x200D || cp == 0xFE0F || cp == 0x20E3 || (cp >= 0xE0020 && cp <= 0xE007F);
      if (!(Character.isEmoji(cp) || Character.isEmojiComponent(cp) || joiner)) {
        return false;
      }
      if (cp > 0x7F && Character.isEmoji(cp)) {
        pictograph = true;
      }
    }
    return pictograph;
  }
}
