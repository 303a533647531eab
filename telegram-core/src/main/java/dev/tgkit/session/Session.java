package dev.tgkit.session;

import dev.tgkit.crypto.AuthKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything a client persists, as one immutable value: the data centers it knows (with their
 * auth keys), which one is home, who is signed in and how far updates were read. A {@link
 * Storage} saves and loads it whole.
 *
 * <p>Never hand a saved session to anyone: its auth keys sign in as the account. {@link
 * #toString()} shows no key.
 *
 * @param dcs the known data centers, at most one per id
 * @param homeDc the data center the account lives in (or the one to start with)
 * @param user who is signed in, or null before sign-in (and after sign-out)
 * @param updateState how far updates were read, or null before the first state was fetched
 */
public record Session(List<DataCenter> dcs, int homeDc, @Nullable SessionUser user, @Nullable UpdateState updateState) {

  /**
   * The version of this value's shape, raised whenever a field is added so stores can tell an
   * older saved form from a newer one.
   */
  public static final int VERSION = 1;

  public Session {
    dcs = List.copyOf(dcs);
    for (int i = 0; i < dcs.size(); i++) {
      for (int j = i + 1; j < dcs.size(); j++) {
        if (dcs.get(i).id() == dcs.get(j).id()) {
          throw new IllegalArgumentException("data center " + dcs.get(i).id() + " is listed twice");
        }
      }
    }
    if (homeDc <= 0) {
      throw new IllegalArgumentException("the home data center id is positive, got " + homeDc);
    }
  }

  /** A session nobody signed in to yet, with no update state. */
  public Session(List<DataCenter> dcs, int homeDc) {
    this(dcs, homeDc, null, null);
  }

  /** The data center {@code id}, if known. */
  public Optional<DataCenter> dc(int id) {
    for (DataCenter dc : dcs) {
      if (dc.id() == id) {
        return Optional.of(dc);
      }
    }
    return Optional.empty();
  }

  /** The auth key made with data center {@code id}, if any. */
  public Optional<AuthKey> authKey(int id) {
    return dc(id).map(DataCenter::authKey);
  }

  /** This session with {@code dc} added, or replacing the one with its id. */
  public Session with(DataCenter dc) {
    List<DataCenter> next = new ArrayList<>(dcs.size() + 1);
    boolean replaced = false;
    for (DataCenter known : dcs) {
      if (known.id() == dc.id()) {
        next.add(dc);
        replaced = true;
      } else {
        next.add(known);
      }
    }
    if (!replaced) {
      next.add(dc);
    }
    return new Session(next, homeDc, user, updateState);
  }

  /** This session with another home data center. */
  public Session withHomeDc(int id) {
    return new Session(dcs, id, user, updateState);
  }

  /** This session with {@code signedIn} as its user, or none after signing out. */
  public Session withUser(@Nullable SessionUser signedIn) {
    return new Session(dcs, homeDc, signedIn, updateState);
  }

  /** This session with {@code state} as its update state, or none to fetch a fresh one. */
  public Session withUpdateState(@Nullable UpdateState state) {
    return new Session(dcs, homeDc, user, state);
  }
}
