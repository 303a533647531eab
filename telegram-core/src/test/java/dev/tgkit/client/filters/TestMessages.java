package dev.tgkit.client.filters;

import dev.tgkit.client.events.NewMessage;
import dev.tgkit.client.types.Message;
import dev.tgkit.client.types.PeerMap;
import dev.tgkit.tl.api.MessageCtor;
import dev.tgkit.tl.api.MessageFwdHeader;
import dev.tgkit.tl.api.MessageMedia;
import dev.tgkit.tl.api.MessageReplyHeader;
import dev.tgkit.tl.api.Peer;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Raw TL messages with the few fields the filters look at. */
final class TestMessages {

  static final long SELF = 1000;

  private TestMessages() {}

  static MessageCtor raw(boolean out, int id, @Nullable Peer from, Peer chat, String text,
      @Nullable MessageFwdHeader fwd, @Nullable MessageReplyHeader replyTo, @Nullable MessageMedia media) {
    return MessageCtor.builder(id, chat, 1_700_000_000, text)
        .out_(out).fromId(from).fwdFrom(fwd).replyTo(replyTo).media(media)
        .build();
  }

  static NewMessage event(MessageCtor raw, @Nullable String selfUsername) {
    return new NewMessage(Message.of(raw, new PeerMap(List.of(), List.of()), SELF), selfUsername);
  }
}
