package dev.tgkit.client.types;

import dev.tgkit.session.PeerRef;
import dev.tgkit.tl.api.UserCtor;
import dev.tgkit.tl.api.UserEmpty;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** A user or bot account. {@link #toString()} leaves the phone number out. */
public final class User implements Peer, SignInResult {

  private final PeerRef.UserRef ref;
  private final String firstName;
  private final String lastName;
  private final @Nullable String username;
  private final @Nullable String phone;
  private final boolean bot;
  private final dev.tgkit.tl.api.@Nullable User raw;

  User(PeerRef.UserRef ref, String firstName, String lastName, @Nullable String username, @Nullable String phone,
      boolean bot, dev.tgkit.tl.api.@Nullable User raw) {
    this.ref = ref;
    this.firstName = firstName;
    this.lastName = lastName;
    this.username = username;
    this.phone = phone;
    this.bot = bot;
    this.raw = raw;
  }

  /** The user a TL {@code User} describes. */
  public static User of(dev.tgkit.tl.api.User user) {
    return switch (user) {
      case UserCtor u -> new User(
          new PeerRef.UserRef(u.id(), u.accessHash() == null ? 0 : u.accessHash()),
          Objects.requireNonNullElse(u.firstName(), ""),
          Objects.requireNonNullElse(u.lastName(), ""),
          u.username(), u.phone(), u.bot(), u);
      case UserEmpty u -> new User(new PeerRef.UserRef(u.id()), "", "", null, null, false, u);
    };
  }

  @Override
  public long id() {
    return ref.id();
  }

  @Override
  public String name() {
    return lastName.isEmpty() ? firstName : firstName.isEmpty() ? lastName : firstName + " " + lastName;
  }

  public String firstName() {
    return firstName;
  }

  public String lastName() {
    return lastName;
  }

  @Override
  public Optional<String> username() {
    return Optional.ofNullable(username);
  }

  /** The phone number, when Telegram shares it with this account. */
  public Optional<String> phone() {
    return Optional.ofNullable(phone);
  }

  /** Whether this is a bot account. */
  public boolean bot() {
    return bot;
  }

  @Override
  public PeerRef.UserRef ref() {
    return ref;
  }

  /** The TL object this was made from, or empty if only the id was known. */
  public Optional<dev.tgkit.tl.api.User> raw() {
    return Optional.ofNullable(raw);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof User u && u.ref.id() == ref.id();
  }

  @Override
  public int hashCode() {
    return Long.hashCode(ref.id());
  }

  @Override
  public String toString() {
    return "User[" + id() + (bot ? ", bot" : "") + (username == null ? "" : ", @" + username)
        + (name().isEmpty() ? "" : ", " + name()) + "]";
  }
}
