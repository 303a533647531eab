package dev.tgkit.client.types;

import dev.tgkit.session.PeerRef;
import dev.tgkit.tl.api.Chat;
import dev.tgkit.tl.api.ChatCtor;
import dev.tgkit.tl.api.ChatForbidden;
import dev.tgkit.tl.api.ChannelForbidden;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A group: a small group (TL {@code chat}, {@link PeerRef.GroupRef}) or a supergroup (a TL
 * {@code channel} with the megagroup flag, {@link PeerRef.ChannelRef}).
 */
public final class Group implements Peer {

  private final PeerRef ref;
  private final String title;
  private final @Nullable String username;
  private final boolean megagroup;
  private final @Nullable Chat raw;

  Group(PeerRef ref, String title, @Nullable String username, boolean megagroup, @Nullable Chat raw) {
    this.ref = ref;
    this.title = title;
    this.username = username;
    this.megagroup = megagroup;
    this.raw = raw;
  }

  static Group of(ChatCtor c) {
    return new Group(new PeerRef.GroupRef(c.id()), c.title(), null, false, c);
  }

  static Group of(ChatForbidden c) {
    return new Group(new PeerRef.GroupRef(c.id()), c.title(), null, false, c);
  }

  static Group of(dev.tgkit.tl.api.Channel c) {
    return new Group(new PeerRef.ChannelRef(c.id(), c.accessHash() == null ? 0 : c.accessHash()), c.title(),
        c.username(), true, c);
  }

  static Group of(ChannelForbidden c) {
    return new Group(new PeerRef.ChannelRef(c.id(), c.accessHash()), c.title(), null, true, c);
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

  /** Whether this is a supergroup (a TL {@code channel}) rather than a small group. */
  public boolean isMegagroup() {
    return megagroup;
  }

  /** A {@link PeerRef.GroupRef} for a small group, a {@link PeerRef.ChannelRef} for a supergroup. */
  @Override
  public PeerRef ref() {
    return ref;
  }

  /** The TL object this was made from, or empty if only the id was known. */
  public Optional<Chat> raw() {
    return Optional.ofNullable(raw);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Group g && g.ref.getClass() == ref.getClass() && g.ref.id() == ref.id();
  }

  @Override
  public int hashCode() {
    return Long.hashCode(ref.id());
  }

  @Override
  public String toString() {
    return "Group[" + ref.id() + (megagroup ? ", supergroup" : "") + (title.isEmpty() ? "" : ", " + title) + "]";
  }
}
