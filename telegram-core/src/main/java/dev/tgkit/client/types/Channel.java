package dev.tgkit.client.types;

import dev.tgkit.session.PeerRef;
import dev.tgkit.tl.api.Chat;
import dev.tgkit.tl.api.ChannelForbidden;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A broadcast channel (a TL {@code channel} with the broadcast flag). */
public final class Channel implements Peer {

  private final PeerRef.ChannelRef ref;
  private final String title;
  private final @Nullable String username;
  private final @Nullable Chat raw;

  Channel(PeerRef.ChannelRef ref, String title, @Nullable String username, @Nullable Chat raw) {
    this.ref = ref;
    this.title = title;
    this.username = username;
    this.raw = raw;
  }

  static Channel of(dev.tgkit.tl.api.Channel c) {
    return new Channel(new PeerRef.ChannelRef(c.id(), c.accessHash() == null ? 0 : c.accessHash()), c.title(),
        c.username(), c);
  }

  static Channel of(ChannelForbidden c) {
    return new Channel(new PeerRef.ChannelRef(c.id(), c.accessHash()), c.title(), null, c);
  }

  @Override
  public long id() {
    return ref.id();
  }

  @Override
  public String name() {
    return title;
  }

  @Override
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  @Override
  public PeerRef.ChannelRef ref() {
    return ref;
  }

  /** The TL object this was made from, or empty if only the id was known. */
  public Optional<Chat> raw() {
    return Optional.ofNullable(raw);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Channel c && c.ref.id() == ref.id();
  }

  @Override
  public int hashCode() {
    return Long.hashCode(ref.id());
  }

  @Override
  public String toString() {
    return "Channel[" + ref.id() + (title.isEmpty() ? "" : ", " + title) + "]";
  }
}
