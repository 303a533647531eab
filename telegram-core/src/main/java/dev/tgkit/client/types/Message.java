package dev.tgkit.client.types;

import dev.tgkit.client.Client;
import dev.tgkit.tl.api.MessageCtor;
import dev.tgkit.tl.api.MessageEmpty;
import dev.tgkit.tl.api.MessageEntity;
import dev.tgkit.tl.api.MessageFwdHeaderCtor;
import dev.tgkit.tl.api.MessageReplyHeaderCtor;
import dev.tgkit.tl.api.MessageService;
import dev.tgkit.tl.api.PeerUser;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jspecify.annotations.Nullable;

/**
 * A message as this account sees it (<a href="https://core.telegram.org/api/messages">messages</a>):
 * in a private chat or a small group its {@link #id()} is this account's own number for it; in a
 * supergroup or channel every member sees the same id.
 *
 * <p>Service messages (someone joined, a pin, a title change) are messages too, with empty
 * {@link #text()}; an empty message (one that no longer exists) has only its id and chat.
 *
 * <p>Immutable. The events about messages ({@code NewMessage}, {@code MessageEdited}) are
 * messages themselves.
 */
public class Message {

  private final dev.tgkit.tl.api.Message raw;
  private final Peer chat;
  private final @Nullable Peer sender;
  private final @Nullable ForwardInfo forward;
  private final @Nullable Client client;

  /**
   * The message {@code raw} describes.
   *
   * @param peers the users and chats the response or update came with
   * @param self the signed-in account's user id, which private chats need to tell who sent what;
   *     0 if unknown
   */
  public static Message of(dev.tgkit.tl.api.Message raw, PeerMap peers, long self) {
    return new Message(raw, chat(raw, peers), sender(raw, peers, self), forward(raw, peers), null);
  }

  /**
   * The message {@code raw} describes, which {@link #reply}, {@link #respond} and the like send
   * through {@code client}.
   */
  public static Message of(dev.tgkit.tl.api.Message raw, PeerMap peers, long self, Client client) {
    return new Message(raw, chat(raw, peers), sender(raw, peers, self), forward(raw, peers), client);
  }

  /** A copy, for the events that are messages. */
  protected Message(Message message) {
    this(message.raw, message.chat, message.sender, message.forward, message.client);
  }

  private Message(dev.tgkit.tl.api.Message raw, Peer chat, @Nullable Peer sender, @Nullable ForwardInfo forward,
      @Nullable Client client) {
    this.raw = raw;
    this.chat = chat;
    this.sender = sender;
    this.forward = forward;
    this.client = client;
  }

  private static @Nullable ForwardInfo forward(dev.tgkit.tl.api.Message raw, PeerMap peers) {
    return raw instanceof MessageCtor m && m.fwdFrom() instanceof MessageFwdHeaderCtor header
        ? new ForwardInfo(header, peers)
        : null;
  }

  /** Sends {@code text} to this message's chat, as a reply to it. */
  public Message reply(String text) {
    return reply(OutgoingMessage.text(text));
  }

  /** Sends {@code message} to this message's chat, as a reply to it. */
  public Message reply(OutgoingMessage message) {
    return client().sendMessage(chat.ref(), message.replyTo(id()));
  }

  /** Sends {@code text} to this message's chat, not as a reply. */
  public Message respond(String text) {
    return respond(OutgoingMessage.text(text));
  }

  /** Sends {@code message} to this message's chat, not as a reply. */
  public Message respond(OutgoingMessage message) {
    return client().sendMessage(chat.ref(), message);
  }

  /** Edits this message's text to {@code text}. */
  public Message edit(String text) {
    return edit(OutgoingMessage.text(text));
  }

  /** Edits this message to {@code message}. */
  public Message edit(OutgoingMessage message) {
    return client().editMessage(chat.ref(), id(), message);
  }

  /** Deletes this message for everyone. */
  public void delete() {
    client().deleteMessages(chat.ref(), java.util.List.of(id()), true);
  }

  /** Forwards this message to {@code target}; returns the copy there. */
  public Message forward(dev.tgkit.session.PeerRef target) {
    java.util.List<Message> copies = client().forwardMessages(target, java.util.List.of(id()), chat.ref());
    if (copies.isEmpty()) {
      throw new IllegalStateException("Telegram forwarded nothing for message " + id());
    }
    return copies.getFirst();
  }

  /** Pins this message; returns the service message announcing it, if Telegram made one. */
  public Optional<Message> pin() {
    return client().pinMessage(chat.ref(), id());
  }

  /** Unpins this message. */
  public void unpin() {
    client().unpinMessage(chat.ref(), id());
  }

  /** Marks this message, and everything before it in its chat, as read. */
  public void read() {
    client().readMessage(chat.ref(), id());
  }

  /** The message this one replies to, if it replies and that message still exists. */
  public Optional<Message> getRepliedMessage() {
    OptionalInt replied = repliedMessageId();
    if (replied.isEmpty()) {
      return Optional.empty();
    }
    return client().getMessagesWithIds(chat.ref(), java.util.List.of(replied.getAsInt())).stream().findFirst();
  }

  private Client client() {
    if (client == null) {
      throw new IllegalStateException("this message was made without a client to send through");
    }
    return client;
  }

  private static Peer chat(dev.tgkit.tl.api.Message raw, PeerMap peers) {
    dev.tgkit.tl.api.Peer peerId = switch (raw) {
      case MessageCtor m -> m.peerId();
      case MessageService m -> m.peerId();
      case MessageEmpty m -> m.peerId();
    };
    if (peerId == null) {
      throw new IllegalArgumentException("message " + raw.id() + " names no chat");
    }
    return peers.resolve(peerId);
  }

  private static @Nullable Peer sender(dev.tgkit.tl.api.Message raw, PeerMap peers, long self) {
    dev.tgkit.tl.api.Peer from;
    dev.tgkit.tl.api.Peer peerId;
    boolean out;
    switch (raw) {
      case MessageCtor m -> {
        from = m.fromId();
        peerId = m.peerId();
        out = m.out_();
      }
      case MessageService m -> {
        from = m.fromId();
        peerId = m.peerId();
        out = m.out_();
      }
      case MessageEmpty m -> {
        return null;
      }
    }
    if (from != null) {
      return peers.resolve(from);
    }
    // Private chats leave from_id out: the sender is the other user, or us.
    if (peerId instanceof PeerUser user) {
      return out ? (self != 0 ? peers.resolve(new PeerUser(self)) : null) : peers.resolve(user);
    }
    return null; // a channel post, or an anonymous admin: the chat speaks
  }

  /** The message id. */
  public int id() {
    return raw.id();
  }

  /** Where it was sent: the other user of a private chat, a group or a channel. */
  public Peer chat() {
    return chat;
  }

  /** Who sent it; empty for channel posts and anonymous group admins. */
  public Optional<Peer> sender() {
    return Optional.ofNullable(sender);
  }

  /** When it was sent; empty for an empty message. */
  public Optional<Instant> date() {
    return switch (raw) {
      case MessageCtor m -> Optional.of(Instant.ofEpochSecond(m.date()));
      case MessageService m -> Optional.of(Instant.ofEpochSecond(m.date()));
      case MessageEmpty m -> Optional.empty();
    };
  }

  /** The text without formatting (a media caption for media); empty for service messages. */
  public String text() {
    return raw instanceof MessageCtor m ? m.message() : "";
  }

  /** {@link #text()} with its formatting as CommonMark markdown. */
  public String textMarkdown() {
    return dev.tgkit.client.parsers.Markdown.unparse(text(), entities());
  }

  /** {@link #text()} with its formatting as HTML. */
  public String textHtml() {
    return dev.tgkit.client.parsers.Html.unparse(text(), entities());
  }

  /** The buttons a bot sent with it, row by row; empty for none. */
  public java.util.List<java.util.List<Button>> buttons() {
    return raw instanceof MessageCtor m && m.replyMarkup() != null ? Button.of(m.replyMarkup()) : java.util.List.of();
  }

  /** The formatting of {@link #text()}, offsets in UTF-16 code units. */
  public List<MessageEntity> entities() {
    return raw instanceof MessageCtor m && m.entities() != null ? m.entities() : List.of();
  }

  /** The id of the message this one replies to, in the same chat. */
  public OptionalInt repliedMessageId() {
    MessageReplyHeaderCtor reply = switch (raw) {
      case MessageCtor m -> m.replyTo() instanceof MessageReplyHeaderCtor r ? r : null;
      case MessageService m -> m.replyTo() instanceof MessageReplyHeaderCtor r ? r : null;
      case MessageEmpty m -> null;
    };
    return reply == null || reply.replyToMsgId() == null ? OptionalInt.empty() : OptionalInt.of(reply.replyToMsgId());
  }

  /** Whether this account sent it. */
  public boolean outgoing() {
    return switch (raw) {
      case MessageCtor m -> m.out_();
      case MessageService m -> m.out_();
      case MessageEmpty m -> false;
    };
  }

  /** Whether this account received it from someone else (not an empty message, not a post of its own). */
  public boolean incoming() {
    return !(raw instanceof MessageEmpty) && !outgoing();
  }

  /** Whether it was sent without a notification. */
  public boolean silent() {
    return switch (raw) {
      case MessageCtor m -> m.silent();
      case MessageService m -> m.silent();
      case MessageEmpty m -> false;
    };
  }

  /**
   * Whether it may be forwarded or saved: false in chats with content protection turned on, and
   * for service and empty messages, which cannot be forwarded at all.
   */
  public boolean canForward() {
    return raw instanceof MessageCtor m && !m.noforwards();
  }

  /** The album it belongs to: messages sharing this id were sent together. */
  public OptionalLong groupedId() {
    return raw instanceof MessageCtor m && m.groupedId() != null ? OptionalLong.of(m.groupedId()) : OptionalLong.empty();
  }

  /** Where it was forwarded from, if it was. */
  public Optional<ForwardInfo> forwardInfo() {
    return Optional.ofNullable(forward);
  }

  /** Whether it has media (a photo, a file, a poll, a location...). */
  public boolean hasMedia() {
    return raw instanceof MessageCtor m && m.media() != null && !(m.media() instanceof dev.tgkit.tl.api.MessageMediaEmpty);
  }

  /** The TL message this was made from. */
  public dev.tgkit.tl.api.Message raw() {
    return raw;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + id() + " in " + chat + (sender == null ? "" : " from " + sender)
        + ", " + text().length() + " chars]";
  }
}
