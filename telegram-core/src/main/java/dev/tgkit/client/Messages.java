package dev.tgkit.client;

import dev.tgkit.client.types.Message;
import dev.tgkit.client.types.OutgoingMessage;
import dev.tgkit.client.types.PagedList;
import dev.tgkit.client.types.PeerMap;
import dev.tgkit.session.PeerCache;
import dev.tgkit.session.PeerRef;
import dev.tgkit.session.Session;
import dev.tgkit.session.SessionUser;
import dev.tgkit.tl.api.InputMessage;
import dev.tgkit.tl.api.InputMessageID;
import dev.tgkit.tl.api.InputReplyToMessage;
import dev.tgkit.tl.api.MessageEmpty;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.Updates;
import dev.tgkit.tl.api.messages.AffectedHistoryCtor;
import dev.tgkit.tl.api.messages.AffectedMessages;
import dev.tgkit.tl.api.messages.AffectedMessagesCtor;
import dev.tgkit.tl.api.messages.ChannelMessages;
import dev.tgkit.tl.api.messages.DeleteMessages;
import dev.tgkit.tl.api.messages.EditMessage;
import dev.tgkit.tl.api.messages.ForwardMessages;
import dev.tgkit.tl.api.messages.GetHistory;
import dev.tgkit.tl.api.messages.GetMessages;
import dev.tgkit.tl.api.messages.MessagesCtor;
import dev.tgkit.tl.api.messages.MessagesNotModified;
import dev.tgkit.tl.api.messages.MessagesSlice;
import dev.tgkit.tl.api.messages.ReadHistory;
import dev.tgkit.tl.api.messages.SendMessage;
import dev.tgkit.tl.api.messages.UnpinAllMessages;
import dev.tgkit.tl.api.messages.UpdatePinnedMessage;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * Sending, editing, deleting, forwarding, reading and listing messages. The updates their answers
 * carry reach the handlers through the {@link Pipeline}, not from here. Telethon's {@code
 * client/messages.py}, grammers' {@code client/messages.rs}.
 */
final class Messages {

  private final Rpc rpc;
  private final StoredSession sessions;
  private final PeerCache peers;
  private final Client client;
  private final RandomGenerator random;

  /** {@code client} is only handed to the {@link Message}s made, whose verbs call it. */
  Messages(Rpc rpc, StoredSession sessions, PeerCache peers, Client client, RandomGenerator random) {
    this.rpc = rpc;
    this.sessions = sessions;
    this.peers = peers;
    this.client = client;
    this.random = random;
  }

  Message sendMessage(PeerRef chat, OutgoingMessage message) {
    if (message.text().isBlank()) {
      throw new IllegalArgumentException("a message needs text; Telegram refuses empty ones");
    }
    checkButtons(message);
    SendMessage request = SendMessage.builder(chat.toInputPeer(), message.text(), random.nextLong())
        .noWebpage(!message.linkPreview())
        .silent(message.silent())
        .replyTo(message.replyTo().isPresent() ? InputReplyToMessage.builder(message.replyTo().getAsInt()).build() : null)
        .replyMarkup(message.replyMarkup())
        .entities(outgoingEntities(message))
        .build();
    Updates answer = rpc.invoke(request);
    long self = sessions.selfId();
    return Message.of(SentMessages.sent(request, SentMessages.peerOf(request.peer(), self), answer, self),
        SentMessages.peers(answer, peers), self, client);
  }

  Message editMessage(PeerRef chat, int messageId, OutgoingMessage message) {
    checkButtons(message);
    Updates answer = rpc.invoke(EditMessage.builder(chat.toInputPeer(), messageId)
        .noWebpage(!message.linkPreview())
        .message(message.text())
        .replyMarkup(message.replyMarkup())
        .entities(outgoingEntities(message))
        .build());
    dev.tgkit.tl.api.Message edited = SentMessages.edited(answer, messageId);
    if (edited == null) {
      throw new IllegalStateException("Telegram's answer to the edit of message " + messageId + " holds no message");
    }
    return Message.of(edited, SentMessages.peers(answer, peers), sessions.selfId(), client);
  }

  int deleteMessages(PeerRef chat, List<Integer> messageIds, boolean revoke) {
    checkIds(messageIds);
    AffectedMessages affected = chat instanceof PeerRef.ChannelRef channel
        ? rpc.invoke(new dev.tgkit.tl.api.channels.DeleteMessages(channel.toInputChannel(), messageIds))
        : rpc.invoke(new DeleteMessages(revoke, messageIds));
    return ((AffectedMessagesCtor) affected).ptsCount();
  }

  List<Message> forwardMessages(PeerRef target, List<Integer> messageIds, PeerRef source) {
    checkIds(messageIds);
    List<Long> randomIds = messageIds.stream().map(id -> random.nextLong()).toList();
    Updates answer = rpc.invoke(
        ForwardMessages.builder(source.toInputPeer(), messageIds, randomIds, target.toInputPeer()).build());
    PeerMap map = SentMessages.peers(answer, peers);
    long self = sessions.selfId();
    return SentMessages.forwarded(answer, randomIds).stream().map(m -> Message.of(m, map, self, client)).toList();
  }

  MessageList getMessages(PeerRef chat) {
    return new MessageList((offsetId, offsetDate, limit, oldestFirst) -> {
      GetHistory.Builder request = GetHistory.builder().peer(chat.toInputPeer()).limit(limit).maxId(0).hash(0);
      if (!oldestFirst) {
        request.offsetId(offsetId).offsetDate(offsetDate).addOffset(0).minId(0);
      } else if (offsetId == 0 && offsetDate != 0) {
        // The page just newer than the first message before the date: those sent at or after it.
        request.offsetId(0).offsetDate(offsetDate).addOffset(-limit).minId(0);
      } else {
        request.offsetId(offsetId + 1).offsetDate(0).addOffset(-limit).minId(offsetId);
      }
      dev.tgkit.tl.api.messages.Messages answer = rpc.invoke(request.build());
      List<Message> messages = messagesOf(answer);
      return new PagedList.Page<>(oldestFirst ? messages.reversed() : messages, count(answer),
          answer instanceof MessagesCtor); // the whole history: Telegram slices any longer one
    });
  }

  List<Message> getMessagesWithIds(PeerRef chat, List<Integer> messageIds) {
    checkIds(messageIds);
    List<InputMessage> ids = messageIds.stream().<InputMessage>map(InputMessageID::new).toList();
    dev.tgkit.tl.api.messages.Messages answer = chat instanceof PeerRef.ChannelRef channel
        ? rpc.invoke(new dev.tgkit.tl.api.channels.GetMessages(channel.toInputChannel(), ids))
        : rpc.invoke(new GetMessages(ids));
    return messagesOf(answer);
  }

  Optional<Message> pinMessage(PeerRef chat, int messageId) {
    Updates answer = rpc.invoke(new UpdatePinnedMessage(false, false, false, chat.toInputPeer(), messageId));
    PeerMap map = SentMessages.peers(answer, peers);
    long self = sessions.selfId();
    return SentMessages.newMessages(answer).stream().findFirst().map(m -> Message.of(m, map, self, client));
  }

  void unpinMessage(PeerRef chat, int messageId) {
    rpc.invoke(new UpdatePinnedMessage(false, true, false, chat.toInputPeer(), messageId));
  }

  void unpinAllMessages(PeerRef chat) {
    // Telegram may unpin a batch at a time: a positive offset, smaller each time, asks for the call again.
    int offset = Integer.MAX_VALUE;
    while (true) {
      var affected = (AffectedHistoryCtor) rpc.invoke(new UnpinAllMessages(chat.toInputPeer(), null, null));
      if (affected.offset() <= 0) {
        return;
      }
      if (affected.offset() >= offset) {
        throw new IllegalStateException("Telegram's offset for unpinning all messages did not shrink: "
            + affected.offset() + " after " + offset);
      }
      offset = affected.offset();
    }
  }

  void readMessage(PeerRef chat, int messageId) {
    if (chat instanceof PeerRef.ChannelRef channel) {
      rpc.invoke(new dev.tgkit.tl.api.channels.ReadHistory(channel.toInputChannel(), messageId));
    } else {
      rpc.invoke(new ReadHistory(chat.toInputPeer(), messageId));
    }
  }

  private List<Message> messagesOf(dev.tgkit.tl.api.messages.Messages answer) {
    record Found(List<dev.tgkit.tl.api.Message> messages, PeerMap peers) {}
    Found found = switch (answer) {
      case MessagesCtor m -> new Found(m.messages(), new PeerMap(peers).add(m.users(), m.chats()));
      case MessagesSlice m -> new Found(m.messages(), new PeerMap(peers).add(m.users(), m.chats()));
      case ChannelMessages m -> new Found(m.messages(), new PeerMap(peers).add(m.users(), m.chats()));
      case MessagesNotModified m -> new Found(List.of(), new PeerMap(peers));
    };
    long self = sessions.selfId();
    // Ids that name no message come back empty, often without a chat: there is nothing to show.
    return found.messages().stream().filter(m -> !(m instanceof MessageEmpty))
        .map(m -> Message.of(m, found.peers(), self, client)).toList();
  }

  /** How many messages Telegram counts in the whole history an answer is a page of. */
  private static int count(dev.tgkit.tl.api.messages.Messages answer) {
    return switch (answer) {
      case MessagesCtor m -> m.messages().size();
      case MessagesSlice m -> m.count();
      case ChannelMessages m -> m.count();
      case MessagesNotModified m -> m.count();
    };
  }

  /** The entities to send, mentions completed with the access hashes this client knows; null for none. */
  private @Nullable List<MessageEntity> outgoingEntities(OutgoingMessage message) {
    return message.entities().isEmpty() ? null : Mentions.completed(message.entities(), peers, sessions.selfId());
  }

  /** Telegram drops the buttons a user sends without a word: say so instead. */
  private void checkButtons(OutgoingMessage message) {
    Session s = sessions.currentOrNull();
    SessionUser me = s == null ? null : s.user();
    if (!message.buttons().isEmpty() && me != null && !me.bot()) {
      throw new IllegalStateException(
          "only bots can attach buttons, and this client is signed in as a user: send the text without them");
    }
  }

  private static void checkIds(List<Integer> messageIds) {
    if (messageIds.isEmpty()) {
      throw new IllegalArgumentException("no message ids given");
    }
    for (int id : messageIds) {
      if (id <= 0) {
        throw new IllegalArgumentException("a message id is positive, got " + id);
      }
    }
  }
}
