package dev.tgkit.client;

import dev.tgkit.session.PeerCache;
import dev.tgkit.tl.api.InputMessageEntityMentionName;
import dev.tgkit.tl.api.InputUserCtor;
import dev.tgkit.tl.api.InputUserEmpty;
import dev.tgkit.tl.api.InputUserFromMessage;
import dev.tgkit.tl.api.InputUserSelf;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageEntityMentionName;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Completes the mentions of outgoing entities: {@code tg://user?id=123} (what a received mention
 * unparses to) names the user without the access hash Telegram wants. The hash this client learned
 * for the user fills it in, and a mention of the account itself becomes {@code inputUserSelf}; a
 * user never seen stays as written, for Telegram to judge.
 */
final class Mentions {

  private Mentions() {}

  static List<MessageEntity> completed(List<MessageEntity> entities, PeerCache peers, long self) {
    List<MessageEntity> out = new ArrayList<>(entities.size());
    for (MessageEntity entity : entities) {
      if (entity instanceof InputMessageEntityMentionName m
          && m.userId() instanceof InputUserCtor user && user.accessHash() == 0) {
        if (self != 0 && user.userId() == self) {
          entity = new InputMessageEntityMentionName(m.offset(), m.length(), new InputUserSelf());
        } else {
          entity = peers.userRef(user.userId())
              .<MessageEntity>map(ref -> new InputMessageEntityMentionName(m.offset(), m.length(), ref.toInputUser()))
              .orElse(entity);
        }
      }
      out.add(entity);
    }
    return out;
  }

  /**
   * What Telegram stores for sent {@code entities}, as far as the client can tell without its
   * answer: mentions name their user by id. Null stays null.
   */
  static @Nullable List<MessageEntity> received(@Nullable List<MessageEntity> entities, long self) {
    if (entities == null) {
      return null;
    }
    List<MessageEntity> out = new ArrayList<>(entities.size());
    for (MessageEntity entity : entities) {
      if (entity instanceof InputMessageEntityMentionName m) {
        long id = switch (m.userId()) {
          case InputUserCtor user -> user.userId();
          case InputUserFromMessage user -> user.userId();
          case InputUserSelf user -> self;
          case InputUserEmpty user -> 0;
        };
        if (id != 0) {
          entity = new MessageEntityMentionName(m.offset(), m.length(), id);
        }
      }
      out.add(entity);
    }
    return out;
  }
}
