package dev.tgkit.client;

import dev.tgkit.client.types.PeerMap;
import dev.tgkit.session.PeerCache;
import dev.tgkit.tl.api.MessageCtor;
import dev.tgkit.tl.api.MessageReplyHeaderCtor;
import dev.tgkit.tl.api.Peer;
import dev.tgkit.tl.api.PeerUser;
import dev.tgkit.tl.api.Update;
import dev.tgkit.tl.api.UpdateEditChannelMessage;
import dev.tgkit.tl.api.UpdateEditMessage;
import dev.tgkit.tl.api.UpdateMessageID;
import dev.tgkit.tl.api.UpdateNewChannelMessage;
import dev.tgkit.tl.api.UpdateNewMessage;
import dev.tgkit.tl.api.UpdateShortSentMessage;
import dev.tgkit.tl.api.Updates;
import dev.tgkit.tl.api.UpdatesCombined;
import dev.tgkit.tl.api.UpdatesCtor;
import dev.tgkit.tl.api.messages.SendMessage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds the message a send or an edit made in the {@code Updates} Telegram answered with: by the
 * request's random id ({@code updateMessageID}), by its message id for edits, or rebuilt from the
 * request for {@code updateShortSentMessage}, which carries only what the server decided.
 */
final class SentMessages {

  private SentMessages() {}

  /**
   * The chat {@code peer} names, as a message's {@code peer_id}; the signed-in account {@code self}
   * for {@code inputPeerSelf}.
   *
   * @throws IllegalArgumentException for {@code inputPeerEmpty}, which names no chat
   */
  static Peer peerOf(dev.tgkit.tl.api.InputPeer peer, long self) {
    return switch (peer) {
      case dev.tgkit.tl.api.InputPeerSelf p -> new PeerUser(self);
      case dev.tgkit.tl.api.InputPeerUser p -> new PeerUser(p.userId());
      case dev.tgkit.tl.api.InputPeerUserFromMessage p -> new PeerUser(p.userId());
      case dev.tgkit.tl.api.InputPeerChat p -> new dev.tgkit.tl.api.PeerChat(p.chatId());
      case dev.tgkit.tl.api.InputPeerChannel p -> new dev.tgkit.tl.api.PeerChannel(p.channelId());
      case dev.tgkit.tl.api.InputPeerChannelFromMessage p -> new dev.tgkit.tl.api.PeerChannel(p.channelId());
      case dev.tgkit.tl.api.InputPeerEmpty p -> throw new IllegalArgumentException("inputPeerEmpty names no chat");
    };
  }

  /** The message {@code request} sent, as {@code answer} describes it. */
  static dev.tgkit.tl.api.Message sent(SendMessage request, Peer chat, Updates answer, long self) {
    if (answer instanceof UpdateShortSentMessage s) {
      MessageReplyHeaderCtor reply = request.replyTo() instanceof dev.tgkit.tl.api.InputReplyToMessage r
          ? MessageReplyHeaderCtor.builder().replyToMsgId(r.replyToMsgId()).build()
          : null;
      return MessageCtor.builder(s.id(), chat, s.date(), request.message())
          .out_(s.out_()).silent(request.silent())
          .fromId(self != 0 ? new PeerUser(self) : null)
          .replyTo(reply)
          .media(s.media())
          .entities(s.entities() != null ? s.entities() : Mentions.received(request.entities(), self))
          .ttlPeriod(s.ttlPeriod())
          .build();
    }
    List<Update> updates = updates(answer);
    int id = 0;
    for (Update u : updates) {
      if (u instanceof UpdateMessageID m && m.randomId() == request.randomId()) {
        id = m.id();
      }
    }
    // Without updateMessageID (some servers leave it out), the one new message is the sent one.
    dev.tgkit.tl.api.Message found = id != 0 ? byId(updates, id, false)
        : newMessages(answer).stream().findFirst().orElse(null);
    if (found == null) {
      throw new IllegalStateException("Telegram's answer to " + request.tlName() + " holds no sent message");
    }
    return found;
  }

  /** The message with {@code id} among the new or edited ones in {@code answer}. */
  static dev.tgkit.tl.api.@Nullable Message edited(Updates answer, int id) {
    return byId(updates(answer), id, true);
  }

  /** The new messages of {@code answer} made by the requests with {@code randomIds}, in their order. */
  static List<dev.tgkit.tl.api.Message> forwarded(Updates answer, List<Long> randomIds) {
    List<Update> updates = updates(answer);
    java.util.Map<Long, Integer> idByRandom = new java.util.HashMap<>();
    for (Update u : updates) {
      if (u instanceof UpdateMessageID m) {
        idByRandom.put(m.randomId(), m.id());
      }
    }
    List<dev.tgkit.tl.api.Message> found = new java.util.ArrayList<>();
    for (long randomId : randomIds) {
      Integer id = idByRandom.get(randomId);
      dev.tgkit.tl.api.Message m = id == null ? null : byId(updates, id, false);
      if (m != null) {
        found.add(m);
      }
    }
    return found;
  }

  /** Every new message in {@code answer}, service messages included. */
  static List<dev.tgkit.tl.api.Message> newMessages(Updates answer) {
    List<dev.tgkit.tl.api.Message> found = new java.util.ArrayList<>();
    for (Update u : updates(answer)) {
      switch (u) {
        case UpdateNewMessage n -> found.add(n.message());
        case UpdateNewChannelMessage n -> found.add(n.message());
        default -> { }
      }
    }
    return found;
  }

  /** The peers {@code answer} came with. */
  static PeerMap peers(Updates answer, PeerCache cache) {
    return switch (answer) {
      case UpdatesCtor u -> new PeerMap(cache).add(u.users(), u.chats());
      case UpdatesCombined u -> new PeerMap(cache).add(u.users(), u.chats());
      default -> new PeerMap(cache);
    };
  }

  private static List<Update> updates(Updates answer) {
    return switch (answer) {
      case UpdatesCtor u -> u.updates();
      case UpdatesCombined u -> u.updates();
      case dev.tgkit.tl.api.UpdateShort u -> List.of(u.update());
      default -> List.of();
    };
  }

  private static dev.tgkit.tl.api.@Nullable Message byId(List<Update> updates, int id, boolean edits) {
    for (Update u : updates) {
      dev.tgkit.tl.api.Message m = switch (u) {
        case UpdateNewMessage n when !edits -> n.message();
        case UpdateNewChannelMessage n when !edits -> n.message();
        case UpdateEditMessage e when edits -> e.message();
        case UpdateEditChannelMessage e when edits -> e.message();
        default -> null;
      };
      if (m != null && m.id() == id) {
        return m;
      }
    }
    return null;
  }
}
