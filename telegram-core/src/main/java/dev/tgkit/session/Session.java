package dev.tgkit.session;

import dev.tgkit.crypto.AuthKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a client persists, as one immutable value: the data centers it knows (with their
 * auth keys) and which one is home. A {@link Storage} saves and loads it whole.
 *
 * @param dcs the known data centers, at most one per id
 * @param homeDc the data center the account lives in (or the one to start with)
 */
public record Session(List<DataCenter> dcs, int homeDc) {

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
    return new Session(next, homeDc);
  }

  /** This session with another home data center. */
  public Session withHomeDc(int id) {
    return new Session(dcs, id);
  }
}
