package dev.tgkit.test.internal.world;

import dev.tgkit.mtproto.RpcErrors;
import dev.tgkit.test.RpcErrorException;
import dev.tgkit.tl.api.InputMessageEntityMentionName;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageEntityBlockquote;
import dev.tgkit.tl.api.MessageEntityBold;
import dev.tgkit.tl.api.MessageEntityBotCommand;
import dev.tgkit.tl.api.MessageEntityCode;
import dev.tgkit.tl.api.MessageEntityCustomEmoji;
import dev.tgkit.tl.api.MessageEntityHashtag;
import dev.tgkit.tl.api.MessageEntityItalic;
import dev.tgkit.tl.api.MessageEntityMention;
import dev.tgkit.tl.api.MessageEntityMentionName;
import dev.tgkit.tl.api.MessageEntityPre;
import dev.tgkit.tl.api.MessageEntitySpoiler;
import dev.tgkit.tl.api.MessageEntityStrike;
import dev.tgkit.tl.api.MessageEntityTextUrl;
import dev.tgkit.tl.api.MessageEntityUnderline;
import dev.tgkit.tl.api.MessageEntityUrl;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What Telegram makes of the entities a client sends with a text, before it stores them:
 *
 * <ul>
 *   <li>an entity that does not lie inside the text (negative offset, no length, past the end, in
 *       UTF-16 units) fails the request with 400 {@code ENTITY_BOUNDS_INVALID};
 *   <li>{@code inputMessageEntityMentionName} becomes {@code messageEntityMentionName} of the user it
 *       names, if the sender may name that user (its access hash); else 400 {@code
 *       ENTITY_MENTION_USER_INVALID}. A {@code messageEntityMentionName}, as a copy of a stored
 *       message carries, is kept if its user exists;
 *   <li>bold, italic, underline, strikethrough and spoiler ranges of one kind that overlap or touch
 *       merge into one;
 *   <li>what Telegram finds by itself it finds again, ignoring what the client claimed: {@code
 *       @username} mentions, {@code #hashtags}, {@code /commands} and {@code http(s)://} links
 *       (a subset of Telegram's detection: no bare domains, e-mails, phones or cashtags), never
 *       inside code, a code block, a link, a mention or a custom emoji;
 *   <li>entities come back sorted by offset, longer first.
 * </ul>
 */
final class Entities {

  private static final Pattern MENTION =
      Pattern.compile("(?<![A-Za-z0-9_@])@[A-Za-z][A-Za-z0-9_]{3,31}(?![A-Za-z0-9_])");
  private static final Pattern HASHTAG =
      Pattern.compile("(?<![\\p{L}\\p{N}_#])#(?=[\\p{L}\\p{N}_]*[\\p{L}_])[\\p{L}\\p{N}_]{1,256}");
  private static final Pattern COMMAND = Pattern.compile(
      "(?<![\\p{L}\\p{N}_/@.])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z][A-Za-z0-9_]{3,31})?(?![\\p{L}\\p{N}_/@])");
  private static final Pattern URL = Pattern.compile("(?<![\\p{L}\\p{N}_])https?://[^\\s<>\"]+",
      Pattern.CASE_INSENSITIVE);
  /** Punctuation that ends a sentence rather than a link. */
  private static final String URL_TRAILER = ".,;:!?'\")]}";

  private Entities() {}

  /**
   * The entities Telegram stores for {@code text} sent with {@code given}.
   *
   * @throws RpcErrorException {@code ENTITY_BOUNDS_INVALID} or {@code ENTITY_MENTION_USER_INVALID}
   */
  static @Nullable List<MessageEntity> of(
      Accounts accounts, Peers peers, Account sender, String text, @Nullable List<MessageEntity> given) {
    List<MessageEntity> kept = new ArrayList<>();
    Map<Class<?>, List<int[]>> splittable = new LinkedHashMap<>();
    for (MessageEntity entity : given == null ? List.<MessageEntity>of() : given) {
      int offset = entity.offset();
      int length = entity.length();
      if (offset < 0 || length < 1 || (long) offset + length > text.length()) {
        throw new RpcErrorException(400, RpcErrors.ENTITY_BOUNDS_INVALID);
      }
      switch (entity) {
        case InputMessageEntityMentionName m ->
            kept.add(new MessageEntityMentionName(offset, length, mentioned(peers, sender, m)));
        case MessageEntityMentionName m -> {
          if (accounts.account(m.userId()) == null) {
            throw new RpcErrorException(400, RpcErrors.ENTITY_MENTION_USER_INVALID);
          }
          kept.add(m);
        }
        case MessageEntityBold e -> splittable.computeIfAbsent(e.getClass(), k -> new ArrayList<>())
            .add(new int[] {offset, offset + length});
        case MessageEntityItalic e -> splittable.computeIfAbsent(e.getClass(), k -> new ArrayList<>())
            .add(new int[] {offset, offset + length});
        case MessageEntityUnderline e -> splittable.computeIfAbsent(e.getClass(), k -> new ArrayList<>())
            .add(new int[] {offset, offset + length});
        case MessageEntityStrike e -> splittable.computeIfAbsent(e.getClass(), k -> new ArrayList<>())
            .add(new int[] {offset, offset + length});
        case MessageEntitySpoiler e -> splittable.computeIfAbsent(e.getClass(), k -> new ArrayList<>())
            .add(new int[] {offset, offset + length});
        case MessageEntityCode e -> kept.add(e);
        case MessageEntityPre e -> kept.add(e);
        case MessageEntityTextUrl e -> kept.add(e);
        case MessageEntityCustomEmoji e -> kept.add(e);
        case MessageEntityBlockquote e -> kept.add(e);
        default -> {
          // Telegram detects mentions, links, hashtags... itself, and ignores what it does not know.
        }
      }
    }
    for (Map.Entry<Class<?>, List<int[]>> kind : splittable.entrySet()) {
      for (int[] range : merged(kind.getValue())) {
        kept.add(splittable(kind.getKey(), range[0], range[1] - range[0]));
      }
    }
    detect(text, URL, MessageEntityUrl::new, kept); // first: what a link holds is part of it
    detect(text, MENTION, MessageEntityMention::new, kept);
    detect(text, HASHTAG, MessageEntityHashtag::new, kept);
    detect(text, COMMAND, MessageEntityBotCommand::new, kept);
    if (kept.isEmpty()) {
      return null;
    }
    kept.sort(Comparator.comparingInt(MessageEntity::offset)
        .thenComparing(Comparator.comparingInt(MessageEntity::length).reversed())
        .thenComparingInt(Entities::rank));
    return List.copyOf(kept);
  }

  private static long mentioned(Peers peers, Account sender, InputMessageEntityMentionName mention) {
    try {
      return peers.resolve(sender, mention.userId()).id;
    } catch (RpcErrorException e) {
      throw new RpcErrorException(400, RpcErrors.ENTITY_MENTION_USER_INVALID);
    }
  }

  private static List<int[]> merged(List<int[]> ranges) {
    ranges.sort(Comparator.comparingInt(r -> r[0]));
    List<int[]> out = new ArrayList<>();
    for (int[] r : ranges) {
      int[] last = out.isEmpty() ? null : out.getLast();
      if (last != null && r[0] <= last[1]) {
        last[1] = Math.max(last[1], r[1]);
      } else {
        out.add(new int[] {r[0], r[1]});
      }
    }
    return out;
  }

  private static MessageEntity splittable(Class<?> kind, int offset, int length) {
    if (kind == MessageEntityBold.class) {
      return new MessageEntityBold(offset, length);
    } else if (kind == MessageEntityItalic.class) {
      return new MessageEntityItalic(offset, length);
    } else if (kind == MessageEntityUnderline.class) {
      return new MessageEntityUnderline(offset, length);
    } else if (kind == MessageEntityStrike.class) {
      return new MessageEntityStrike(offset, length);
    }
    return new MessageEntitySpoiler(offset, length);
  }

  private static void detect(String text, Pattern pattern, BiFunction<Integer, Integer, MessageEntity> make,
      List<MessageEntity> kept) {
    Matcher m = pattern.matcher(text);
    List<MessageEntity> found = new ArrayList<>();
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      if (pattern == URL) {
        while (end > start && URL_TRAILER.indexOf(text.charAt(end - 1)) >= 0 && !balanced(text, start, end)) {
          end--;
        }
      }
      if (!insideOpaque(start, end, kept)) {
        found.add(make.apply(start, end - start));
      }
    }
    kept.addAll(found);
  }

  /** Whether the link ends with a {@code )} that closes one of its own, as in {@code .../Foo_(bar)}. */
  private static boolean balanced(String text, int start, int end) {
    if (text.charAt(end - 1) != ')') {
      return false;
    }
    int depth = 0;
    for (int i = start; i < end; i++) {
      depth += text.charAt(i) == '(' ? 1 : text.charAt(i) == ')' ? -1 : 0;
    }
    return depth >= 0;
  }

  /** Whether {@code [start, end)} meets an entity whose text Telegram does not look into. */
  private static boolean insideOpaque(int start, int end, List<MessageEntity> entities) {
    for (MessageEntity e : entities) {
      boolean opaque = switch (e) {
        case MessageEntityCode c -> true;
        case MessageEntityPre p -> true;
        case MessageEntityTextUrl u -> true;
        case MessageEntityMentionName n -> true;
        case MessageEntityCustomEmoji c -> true;
        case MessageEntityMention mention -> true;
        case MessageEntityHashtag h -> true;
        case MessageEntityBotCommand b -> true;
        case MessageEntityUrl u -> true;
        default -> false;
      };
      if (opaque && start < e.offset() + e.length() && e.offset() < end) {
        return true;
      }
    }
    return false;
  }

  private static int rank(MessageEntity entity) {
    return switch (entity) {
      case MessageEntityBlockquote e -> 0;
      case MessageEntityPre e -> 1;
      case MessageEntityTextUrl e -> 2;
      case MessageEntityMentionName e -> 2;
      case MessageEntityCustomEmoji e -> 3;
      case MessageEntityBold e -> 4;
      case MessageEntityItalic e -> 5;
      case MessageEntityUnderline e -> 6;
      case MessageEntityStrike e -> 7;
      case MessageEntitySpoiler e -> 8;
      case MessageEntityCode e -> 9;
      default -> 10;
    };
  }
}
